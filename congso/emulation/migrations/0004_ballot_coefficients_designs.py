"""Versioned bonus coefficients (the catalogue's coefficient becomes the first version, in
force from 01/07/2024 like the first base salary), certificate designs per title, and the
electronic secret ballot (vote counts without voters, receipts without choices)."""

from datetime import date

import django.db.models.deletion
from django.db import migrations, models

FIRST_DAY = date(2024, 7, 1)
DESIGNS = {
    "giay_khen": "giay_khen",
    "bang_khen_tinh": "bang_khen",
    "bang_khen_tinh_tt": "bang_khen",
}


def copy_coefficients(apps, schema_editor):
    AwardTitle = apps.get_model("emulation", "AwardTitle")
    TitleCoefficient = apps.get_model("emulation", "TitleCoefficient")
    for title in AwardTitle.objects.all():
        TitleCoefficient.objects.get_or_create(
            title=title, valid_from=FIRST_DAY, defaults={"coefficient": title.bonus_coefficient}
        )


def set_designs(apps, schema_editor):
    AwardTitle = apps.get_model("emulation", "AwardTitle")
    for code, design in DESIGNS.items():
        AwardTitle.objects.filter(code=code).update(certificate=design)


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0003_review"),
    ]

    operations = [
        migrations.CreateModel(
            name="TitleCoefficient",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="áp dụng từ ngày")),
                (
                    "coefficient",
                    models.DecimalField(
                        decimal_places=2, max_digits=5, verbose_name="hệ số tiền thưởng"
                    ),
                ),
                (
                    "title",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="coefficients",
                        to="emulation.awardtitle",
                    ),
                ),
            ],
            options={
                "ordering": ["title_id", "-valid_from"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("title", "valid_from"), name="emulation_coef_from"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_coefficients, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="awardtitle",
            name="bonus_coefficient",
        ),
        migrations.AddField(
            model_name="awardtitle",
            name="certificate",
            field=models.CharField(
                choices=[
                    ("giay_khen", "Giấy khen (thủ trưởng cơ quan, Chủ tịch UBND cấp huyện, xã)"),
                    ("bang_khen", "Bằng khen của Chủ tịch UBND tỉnh"),
                    ("danh_hieu", "Giấy chứng nhận danh hiệu thi đua"),
                ],
                default="danh_hieu",
                max_length=10,
                verbose_name="mẫu in",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="ballot_mode",
            field=models.CharField(
                choices=[
                    ("paper", "Phiếu giấy (thư ký nhập kết quả kiểm phiếu)"),
                    ("electronic", "Bỏ phiếu điện tử (thành viên bỏ phiếu trên điện thoại)"),
                ],
                default="paper",
                max_length=10,
                verbose_name="hình thức bỏ phiếu",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="voting_closed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="meeting",
            name="voting_opened_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="VoteCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("recused", models.JSONField(default=list)),
                ("agree", models.PositiveSmallIntegerField(default=0)),
                ("disagree", models.PositiveSmallIntegerField(default=0)),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="vote_counts",
                        to="emulation.meeting",
                    ),
                ),
                (
                    "proposal",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="emulation.proposal",
                    ),
                ),
            ],
            options={
                "ordering": ["meeting_id", "id"],
            },
        ),
        migrations.CreateModel(
            name="BallotReceipt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="receipts",
                        to="emulation.meeting",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="emulation.meetingmember",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("meeting", "member"), name="emulation_receipt_once"
                    )
                ],
            },
        ),
        migrations.RunPython(set_designs, migrations.RunPython.noop),
    ]

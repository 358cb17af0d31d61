"""The province's initial catalogue of titles and forms (emulation.rules.CATALOGUE) and the
base salary in force (2.340.000 đồng from 01/7/2024, NĐ 73/2024/NĐ-CP)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

CATALOGUE = (
    ("ldtt", "Lao động tiên tiến", "title", "individual", "ldtt",
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24", "0.30", "50", "Thủ trưởng cơ quan", 10),
    ("cstdcs", "Chiến sĩ thi đua cơ sở", "title", "individual", "cstdcs",
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 23", "1.00", "50", "Thủ trưởng cơ quan", 20),
    ("cstd_tinh", "Chiến sĩ thi đua cấp tỉnh", "title", "individual", "cstd_tinh",
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 22", "3.00", "90", "UBND", 30),
    ("ttldtt", "Tập thể lao động tiên tiến", "title", "collective", "ttldtt",
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 28", "0.80", "50", "Thủ trưởng cơ quan", 40),
    ("ttldxs", "Tập thể lao động xuất sắc", "title", "collective", "ttldxs",
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 27", "1.50", "50", "UBND", 50),
    ("giay_khen", "Giấy khen", "form", "individual", "merit_individual",
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 75", "0.15", "50", "Thủ trưởng cơ quan", 60),
    ("bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh", "form", "individual",
     "merit_individual", "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 72", "1.00", "70",
     "UBND", 70),
    ("bang_khen_tinh_tt", "Bằng khen của Chủ tịch UBND tỉnh (tập thể)", "form", "collective",
     "merit_collective", "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 72", "2.00", "70",
     "UBND", 80),
)


def seed(apps, schema_editor):
    AwardTitle = apps.get_model("emulation", "AwardTitle")
    BaseSalary = apps.get_model("emulation", "BaseSalary")
    for code, name, kind, subject, rule, basis, coef, threshold, issuer, sort in CATALOGUE:
        AwardTitle.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "kind": kind, "subject": subject, "rule": rule, "basis": basis,
                "bonus_coefficient": Decimal(coef), "vote_threshold_pct": Decimal(threshold),
                "issuer": issuer, "sort": sort,
            },
        )
    BaseSalary.objects.get_or_create(valid_from=date(2024, 7, 1), defaults={"amount": 2340000})


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""The province's organisation: units with history, service counters, people, assignments."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.common.scoping import ScopedModel, ScopedQuerySet, TreeQuerySet
from congso.common.text import nfc, search_key, vi_sort_key
from congso.org.rules import agency_code_is_valid, is_valid_on


def validate_agency_code(value: str) -> None:
    if value and not agency_code_is_valid(value):
        raise ValidationError(
            _("Mã định danh “%(code)s” không đúng dạng QĐ 20/2020/QĐ-TTg (ví dụ 000.00.12.H38)."),
            params={"code": value},
        )


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    PARTY = "party", _("Cơ quan Đảng")
    STATE = "state", _("Cơ quan nhà nước")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    FRONT = "front", _("Mặt trận, đoàn thể")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    PRESS = "press", _("Cơ quan báo chí")
    COMMUNE = "commune", _("Xã, phường")
    DIVISION = "division", _("Phòng, ban trực thuộc")


class OrgUnit(models.Model):
    """A node of the org tree. `path` ('/1/5/23/') gives subtree queries in one LIKE; the
    validity dates keep merged or dissolved units for the years they existed."""

    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(
        _("mã định danh"), max_length=20, blank=True, validators=[validate_agency_code]
    )
    statistical_code = models.CharField(_("mã đơn vị hành chính"), max_length=10, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    serves_citizens = models.BooleanField(_("tiếp nhận, phục vụ người dân"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    search_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    sort_key = models.CharField(max_length=600, editable=False, default="")

    objects = ScopedQuerySet.as_manager()
    unscoped = TreeQuerySet.as_manager()

    scope_field = "id"
    subtree_field = ""  # in_subtree matches the unit's own path
    view_capability = "org.view"

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="org_unit_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def refresh_keys(self) -> None:
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.search_key = search_key(f"{self.name} {self.short_name}")
        self.sort_key = vi_sort_key(self.name)[:600]

    def is_valid_on(self, day: date) -> bool:
        return is_valid_on(day, self.valid_from, self.valid_to)


class ServiceCounter(ScopedModel):
    """A service counter or one-stop desk (quầy, bộ phận một cửa) belonging to a unit."""

    name = models.CharField(_("tên quầy"), max_length=255)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["unit_id", "name"]
        verbose_name = _("quầy phục vụ")
        verbose_name_plural = _("quầy phục vụ")

    def __str__(self) -> str:
        return self.name


class StaffCategory(models.TextChoices):
    # Context: "Cán bộ" alone also means "staff" in menus; here it is the legal category.
    CAN_BO = "can_bo", pgettext_lazy("staff category", "Cán bộ")
    CONG_CHUC = "cong_chuc", _("Công chức")
    VIEN_CHUC = "vien_chuc", _("Viên chức")
    NGUOI_LAO_DONG = "nguoi_lao_dong", _("Người lao động")
    LUC_LUONG_VU_TRANG = "luc_luong_vu_trang", _("Lực lượng vũ trang")


class Sex(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class Person(ScopedModel):
    """A staff member. Only the data the system needs (Luật BVDLCN 91/2025/QH15 art. on
    minimisation): no ID number, no address, no phone, no ethnicity or religion.
    `unit` is the unit of the current assignment (kept in step by org.services)."""

    staff_code = models.CharField(_("mã cán bộ"), max_length=32, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    family_name = models.CharField(max_length=40, editable=False, default="")
    middle_name = models.CharField(max_length=80, editable=False, default="")
    given_name = models.CharField(max_length=40, editable=False, default="")
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    category = models.CharField(_("đối tượng"), max_length=20, choices=StaffCategory.choices)
    is_party_member = models.BooleanField(_("đảng viên"), default=False)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    is_leader = models.BooleanField(_("lãnh đạo, quản lý"), default=False)
    serves_citizens = models.BooleanField(_("trực tiếp phục vụ người dân"), default=False)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    search_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    sort_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    view_capability = "people.view"
    self_field = "id"

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        # Staff per unit and category (completion pages count 40 000 people from it alone).
        indexes = [
            models.Index(fields=["unit", "is_active", "category"], name="org_person_unit_cat"),
        ]

    def __str__(self) -> str:
        return self.full_name


class Assignment(ScopedModel):
    """Where a person worked and when (start inclusive, end exclusive); a transfer closes one
    assignment and opens another, so the past stays as it was."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    view_capability = "people.view"
    self_field = "person_id"

    class Meta:
        ordering = ["person_id", "-start_date"]
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(end_date__isnull=True),
                name="org_one_open_assignment_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.unit_id} {self.start_date}"


class CategoryRecord(ScopedModel):
    """A person's staff category from `valid_from` (inclusive) until the next record: campaigns
    target categories, so the recipients of a past day need the category of that day.
    Written only by org.services (a category change, a new person, the staff import); `unit`
    is the person's unit when the record was written, like an assignment's."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="category_records")
    category = models.CharField(_("đối tượng"), max_length=20, choices=StaffCategory.choices)
    valid_from = models.DateField(_("từ ngày"))
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "people.view"
    self_field = "person_id"

    class Meta:
        ordering = ["person_id", "-valid_from"]
        verbose_name = _("đối tượng theo thời gian")
        verbose_name_plural = _("đối tượng theo thời gian")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "valid_from"], name="org_category_record_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.category} from {self.valid_from}"

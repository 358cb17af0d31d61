"""Public survey forms and the storing of one rating (the hot path of the public API).

A form token is `TimestampSigner` over "code.version.nonce": it proves the form was fetched
from us recently (replays of a captured request fail once it expires) and, because each nonce
can be stored once (unique column), one fetched form gives at most one rating. The client_id is
the idempotency key: the same client_id is stored once and answered 200 with the first result.

Two ways to store a rating, shared by the API operation, the citizen page's form and the
kiosk:
- the fast path (`hot_sql.submit_fast`, in autocommit): one insert that looks the target up and
  applies the rate limits, then the day's and the month's rollup UPSERTs, in one statement on
  PostgreSQL and one short transaction on SQLite;
- the portable path, whenever the fast one did not store (or cannot run: inside an outer
  transaction, behind a pooler without SQL PREPARE): the target looked up with its
  rate-limit counts (one query), the refusals worked out from it, then the receipt token
  spent, the response inserted by the ORM and the same rollup UPSERTs, in one Django
  transaction.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from congso.common.fastsql import fetch_one
from congso.surveys import conf
from congso.surveys.models import (
    ReceiptToken,
    ResponseFlag,
    RevokedCode,
    SurveyResponse,
    SurveyVersion,
)
from congso.surveys.rules import (
    COMMENT_MAX_CHARS,
    AnswerError,
    clean_dossier_code,
    clean_text,
    parse_client_id,
    validate_answers,
)
from congso.surveys.services.common import SurveyError, keyed_hash, token_hash
from congso.surveys.services.hot_sql import (
    NEVER_BY_COUNT,
    fast_path_possible,
    lookup_sql,
    submit_fast,
)
from congso.surveys.services.rollups import local_day, upsert_from_row_sql

_SIGNER_SALT = "congso.surveys.form"
_KIOSK_SALT = "congso.surveys.kiosk"
_VERSION_KEYS: dict[int, tuple[str, ...]] = {}  # versions are immutable: safe to keep

MSG_UNKNOWN = "Không tìm thấy mã khảo sát. Vui lòng kiểm tra lại mã QR."
MSG_REVOKED = "Mã khảo sát này đã bị thu hồi. Vui lòng quét mã QR mới tại quầy."
MSG_INACTIVE = "Quầy hoặc cán bộ này hiện không nhận đánh giá."
MSG_THANKS = "Cảm ơn Ông/Bà đã đánh giá. Ý kiến đã được ghi nhận."


@dataclass(frozen=True)
class FormToken:
    token: str
    version_id: int
    issued_at: datetime


@dataclass(frozen=True)
class SubmitResult:
    created: bool
    body: dict[str, str]


@dataclass(frozen=True)
class TargetRow:
    """What storing a rating needs to know about its target, with the recent responses from
    the same address and device (for the rate limits)."""

    pk: int
    unit_id: int
    agency_id: int
    requires_token: bool
    by_address: int = 0
    by_device: int = 0


def target_by_code(
    code: str, *, since: datetime | None = None, ip_key: int = 0, device_key: int = 0
) -> TargetRow:
    """The active target of a code and its recent responses from this address and device, in
    one query; 404 with a message telling a revoked code apart. Plain SQL, the same on every
    database (the portable path, and the reason for a refusal of the fast one), prepared once
    per connection on PostgreSQL (`fetch_one`)."""
    since_value = connection.ops.adapt_datetimefield_value(since or timezone.now())
    row = fetch_one(
        lookup_sql(),
        [ip_key, device_key, since_value, code],
        prepare=bool(conf.get("CONGSO_SURVEY_PREPARED_STATEMENTS")),
    )
    if row is None:
        if RevokedCode.objects.filter(code=code).exists():
            raise SurveyError(404, MSG_REVOKED)
        raise SurveyError(404, MSG_UNKNOWN)
    if not row[4]:
        raise SurveyError(404, MSG_INACTIVE)
    return TargetRow(
        pk=row[0],
        unit_id=row[1],
        agency_id=row[2],
        requires_token=bool(row[3]),
        by_address=int(row[5] or 0) if ip_key else 0,
        by_device=int(row[6] or 0),
    )


class _FormSigner(signing.TimestampSigner):
    """TimestampSigner whose clock can be set (tests and benchmarks issue tokens in the past)."""

    def __init__(self, *, at: datetime | None = None) -> None:
        super().__init__(salt=_SIGNER_SALT)
        self._at = at

    def timestamp(self) -> str:
        if self._at is None:
            return super().timestamp()
        return signing.b62_encode(int(self._at.timestamp()))


def form_token_issue(*, code: str, version_id: int, now: datetime | None = None) -> FormToken:
    """A fresh signed token for one form of `code` on version `version_id`."""
    nonce = secrets.token_urlsafe(9)
    token = _FormSigner(at=now).sign(f"{code}.{version_id}.{nonce}")
    return FormToken(token=token, version_id=version_id, issued_at=now or timezone.now())


def kiosk_key(code: str) -> str:
    """The signed key a kiosk URL carries (given to staff only)."""
    return signing.Signer(salt=_KIOSK_SALT).sign(code).rsplit(":", 1)[1]


def kiosk_key_valid(code: str, key: str | None) -> bool:
    if not key:
        return False
    return secrets.compare_digest(kiosk_key(code).encode(), key.encode("utf-8", "replace"))


def _check_form_token(code: str, token: Any) -> tuple[int, str]:
    """(version id, nonce) of a valid, unexpired token for this code, else SurveyError 422."""
    if not isinstance(token, str) or not token or len(token) > 200:
        raise SurveyError(
            422, "Thiếu mã phiếu (form_token). Vui lòng tải lại trang.", field="form_token"
        )
    try:
        value = _FormSigner().unsign(token, max_age=conf.get("CONGSO_SURVEY_FORM_TOKEN_MAX_AGE"))
    except signing.SignatureExpired as exc:
        raise SurveyError(
            422, "Phiếu đã hết hạn. Vui lòng tải lại trang và đánh giá lại.", field="form_token"
        ) from exc
    except signing.BadSignature as exc:
        raise SurveyError(422, "Mã phiếu không hợp lệ.", field="form_token") from exc
    token_code, _, rest = value.partition(".")
    version, _, nonce = rest.partition(".")
    if token_code != code or not version.isdigit() or not nonce:
        raise SurveyError(422, "Mã phiếu không thuộc mã khảo sát này.", field="form_token")
    return int(version), nonce


def version_keys(version_id: int) -> tuple[str, ...]:
    keys = _VERSION_KEYS.get(version_id)
    if keys is None:
        version = SurveyVersion.objects.filter(pk=version_id).only("questions").first()
        if version is None:
            raise SurveyError(422, "Phiên bản phiếu không tồn tại.", field="form_token")
        keys = tuple(version.keys)
        _VERSION_KEYS[version_id] = keys
    return keys


def _body(client_id: uuid.UUID, created_at: datetime) -> dict[str, str]:
    return {
        "client_id": str(client_id),
        "received_at": created_at.astimezone(UTC).isoformat(timespec="seconds"),
        "detail": MSG_THANKS,
    }


def _existing(client_id: uuid.UUID, target_id: int) -> SubmitResult | None:
    row = (
        SurveyResponse.unscoped.filter(client_id=client_id)
        .values_list("target_id", "created_at")
        .first()
    )
    if row is None:
        return None
    if row[0] != target_id:
        raise SurveyError(
            409, "client_id này đã được dùng cho một đánh giá khác.", field="client_id"
        )
    return SubmitResult(created=False, body=_body(client_id, row[1]))


def response_submit(
    *,
    code: str,
    client_id: Any,
    form_token: Any,
    answers: Any,
    comment: Any = None,
    dossier_code: Any = None,
    token: Any = None,
    ip: str = "",
    device: str = "",
    kiosk: bool = False,
    via_form: bool = False,
    now: datetime | None = None,
) -> SubmitResult:
    """Store one anonymous rating once. Raises SurveyError (status + Vietnamese message).

    Retries of a stored client_id are answered with the first result even when the form token
    has expired since or the rate limit is reached: the offline queue must always get its
    acknowledgement.
    """
    now = now or timezone.now()
    try:
        cid = parse_client_id(client_id)
        if comment is not None and not isinstance(comment, str):
            raise AnswerError("Góp ý phải là văn bản.", field="comment")
        if dossier_code is not None and not isinstance(dossier_code, str):
            raise AnswerError("Mã hồ sơ phải là văn bản.", field="dossier_code")
        text = clean_text(comment, max_chars=COMMENT_MAX_CHARS, field="comment")
        dossier = clean_dossier_code(dossier_code)
    except AnswerError as exc:
        raise SurveyError(422, exc.message, field=exc.field) from exc
    day_salt = now.date().isoformat()
    ip_key = keyed_hash("ip", ip, day_salt) if ip else 0
    device_key = keyed_hash("device", device, day_salt) if device else int(cid.hex[:8], 16) or 1
    since = now - timedelta(seconds=conf.get("CONGSO_SURVEY_RATE_WINDOW_SECONDS"))
    flags = (ResponseFlag.KIOSK if kiosk else 0) | (ResponseFlag.FORM if via_form else 0)
    try:
        version_id, nonce = _check_form_token(code, form_token)
        keys = version_keys(version_id)
        valid = validate_answers(answers, keys)
        refused = None
    except AnswerError as exc:
        refused = SurveyError(422, exc.message, field=exc.field)
    except SurveyError as exc:
        refused = exc
    if refused is None and fast_path_possible():
        values = _row_values(cid, version_id, nonce, dossier, text, flags, ip_key, device_key, now)
        limits = (
            conf.get("CONGSO_SURVEY_RATE_ADDRESS") if ip_key else NEVER_BY_COUNT,
            NEVER_BY_COUNT if kiosk else conf.get("CONGSO_SURVEY_RATE_DEVICE"),
        )
        lookup = [ip_key, device_key, since, code]
        try:
            if submit_fast(lookup, limits, values, day=local_day(now), answers=valid):
                return SubmitResult(created=True, body=_body(cid, now))
        except IntegrityError as exc:
            target = target_by_code(code, since=since, ip_key=ip_key, device_key=device_key)
            return _conflict(exc, cid=cid, target=target, nonce=nonce, dossier=dossier)
        # Not stored: unknown or inactive code, rate limit, or a receipt token to spend (the
        # portable path below tells which, or stores the rating).
    target = target_by_code(code, since=since, ip_key=ip_key, device_key=device_key)
    if refused is not None:
        previous = _existing(cid, target.pk)
        if previous:
            return previous
        raise refused
    limited = target.by_address >= conf.get("CONGSO_SURVEY_RATE_ADDRESS") or (
        not kiosk and target.by_device >= conf.get("CONGSO_SURVEY_RATE_DEVICE")
    )
    if limited:
        previous = _existing(cid, target.pk)
        if previous:
            return previous
        raise SurveyError(
            429,
            "Ông/Bà đã gửi nhiều đánh giá cho quầy/cán bộ này trong thời gian ngắn. "
            "Vui lòng thử lại sau ít phút.",
        )
    values = _row_values(cid, version_id, nonce, dossier, text, flags, ip_key, device_key, now)
    if target.requires_token:
        values["flags"] |= ResponseFlag.TOKEN
    row = SurveyResponse(
        target_id=target.pk,
        unit_id=target.unit_id,
        agency_id=target.agency_id,
        **values,
        **{f"a_{key}": value for key, value in valid.items()},
    )
    try:
        _store(row, token=token, target=target, day=local_day(now))
    except IntegrityError as exc:
        return _conflict(exc, cid=cid, target=target, nonce=nonce, dossier=dossier)
    return SubmitResult(created=True, body=_body(cid, now))


def _row_values(cid, version_id, nonce, dossier, text, flags, ip_key, device_key, now) -> dict:
    return {
        "version_id": version_id,
        "client_id": cid,
        "form_nonce": nonce[:16],
        "dossier_code": dossier,
        "comment": text,
        "flags": flags,
        "ip_key": ip_key,
        "device_key": device_key,
        "created_at": now,
    }


def _conflict(
    exc: IntegrityError, *, cid: uuid.UUID, target: TargetRow, nonce: str, dossier: str | None
) -> SubmitResult:
    """A unique index refused the rating: a retry (answered with the first result), a form
    sent twice or a dossier already rated (409)."""
    previous = _existing(cid, target.pk)
    if previous:
        return previous
    if SurveyResponse.unscoped.filter(form_nonce=nonce[:16]).exists():
        raise SurveyError(
            409, "Phiếu này đã được gửi. Vui lòng tải lại trang để đánh giá lần khác."
        ) from exc
    if dossier:
        raise SurveyError(409, "Hồ sơ này đã được đánh giá.", field="dossier_code") from exc
    raise exc


def _store(row: SurveyResponse, *, token: Any, target: TargetRow, day) -> None:
    """The portable path's writes, in one Django transaction: spend the receipt token when the
    agency requires one, insert the response (ORM), count it in the day's and the month's
    rollup rows (the fast path's UPSERTs, increments computed in SQL from the stored row)."""
    table = connection.ops.quote_name(SurveyResponse._meta.db_table)
    source = f"{table} WHERE id = %s"
    with transaction.atomic():
        if target.requires_token:
            _use_receipt_token(token, agency_id=target.agency_id, now=row.created_at)
        row.save(force_insert=True)
        with connection.cursor() as cursor:
            cursor.execute(upsert_from_row_sql("day", source), [day, row.pk])
            cursor.execute(upsert_from_row_sql("month", source), [day.replace(day=1), row.pk])


def _use_receipt_token(token: Any, *, agency_id: int, now: datetime) -> None:
    """Spend a single-use receipt token of the agency (inside the caller's transaction)."""
    if not isinstance(token, str) or not token.strip() or len(token) > 40:
        raise SurveyError(
            422, "Cơ quan này yêu cầu nhập mã in trên phiếu hẹn trả kết quả.", field="token"
        )
    spent = ReceiptToken.unscoped.filter(
        token_hash=token_hash(token), unit_id=agency_id, used_at__isnull=True
    ).update(used_at=now)
    if spent != 1:
        raise SurveyError(422, "Mã trên phiếu hẹn không đúng hoặc đã được dùng.", field="token")

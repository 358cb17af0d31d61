"""Builds the Word templates kept beside this file (run once; officials then edit the .docx
files in Word: the tags {{ … }} and {%tr … %} are docxtpl's). The layout is the NĐ 30/2020
state format of the evaluation templates (agency and national title, number, place and date,
signature block). Usage: python -m congso.emulation.docx.build_templates
"""

from __future__ import annotations

from pathlib import Path

from congso.evaluation.docx.build_templates import _base, _signature, _title

HERE = Path(__file__).parent


def _table(doc, headers, values) -> None:
    table = doc.add_table(rows=3, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for r in rows %}")
    row = table.add_row()
    for cell, text in zip(row.cells, values, strict=True):
        cell.paragraphs[0].add_run(text)
    table.add_row().cells[0].paragraphs[0].add_run("{%tr endfor %}")
    table._tbl.remove(table.rows[2]._tr)


def build_decision() -> None:
    doc = _base()
    _title(doc, "QUYẾT ĐỊNH", "Về việc {{ subject }}")
    doc.add_paragraph("{{ signer_title|upper }}")
    doc.add_paragraph(
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; căn cứ Nghị định số "
        "152/2025/NĐ-CP của Chính phủ; căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng "
        "{{ meeting_text }};"
    )
    doc.add_paragraph("QUYẾT ĐỊNH:").runs[0].bold = True
    doc.add_paragraph(
        "Điều 1. Tặng danh hiệu, hình thức khen thưởng cho {{ count }} tập thể, cá nhân có tên "
        "trong danh sách kèm theo Quyết định này."
    )
    doc.add_paragraph(
        "Điều 2. Tiền thưởng theo quy định hiện hành, tổng cộng {{ total }} đồng "
        "(mức lương cơ sở {{ base_salary }} đồng)."
    )
    doc.add_paragraph("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.")
    _signature(doc)
    doc.add_page_break()
    _title(doc, "DANH SÁCH", "Kèm theo Quyết định số {{ number }} ngày {{ signed_on }}")
    _table(
        doc,
        (
            "STT",
            "Tập thể, cá nhân",
            "Đơn vị",
            "Danh hiệu, hình thức",
            "Tiền thưởng (đồng)",
            "Mã xác thực",
        ),
        (
            "{{ r.n }}",
            "{{ r.name }}",
            "{{ r.unit }}",
            "{{ r.title }}",
            "{{ r.amount }}",
            "{{ r.code }}",
        ),
    )
    doc.save(HERE / "quyet_dinh_khen_thuong.docx")


def build_minutes() -> None:
    doc = _base()
    _title(doc, "BIÊN BẢN", "Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng năm {{ year }}")
    doc.add_paragraph("Thời gian: ngày {{ held_on }}. Địa điểm: {{ place }}.")
    doc.add_paragraph(
        "Thành phần: {{ members }} thành viên; có mặt {{ present }}, vắng {{ absent }}."
    )
    doc.add_paragraph("Thành viên có mặt: {{ present_names }}.")
    doc.add_paragraph(
        "Hội đồng bỏ phiếu kín đối với từng trường hợp; thành viên là người được đề nghị hoặc "
        "người đề nghị không tham gia bỏ phiếu trường hợp đó. Kết quả kiểm phiếu:"
    )
    _table(
        doc,
        (
            "STT",
            "Tập thể, cá nhân",
            "Danh hiệu",
            "Đồng ý",
            "Không đồng ý",
            "Không hợp lệ",
            "Tỷ lệ",
            "Kết quả",
        ),
        (
            "{{ r.n }}",
            "{{ r.name }}",
            "{{ r.title }}",
            "{{ r.agree }}",
            "{{ r.disagree }}",
            "{{ r.invalid }}",
            "{{ r.share }}",
            "{{ r.result }}",
        ),
    )
    doc.add_paragraph("Biên bản được lập xong và thông qua tại cuộc họp.")
    _signature(doc)
    doc.save(HERE / "bien_ban_hop_hoi_dong.docx")


def build_review() -> None:
    """The unit's sơ kết / tổng kết report of a plan: the figures the system holds, then the
    unit's own assessment (one paragraph per paragraph it wrote)."""
    doc = _base()
    _title(doc, "BÁO CÁO", "{{ kind_title }} {{ plan_name }}")
    doc.add_paragraph(
        "Thực hiện {{ plan_name }} của {{ plan_unit }}, {{ unit_name }} báo cáo {{ kind_lower }} "
        "phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” "
        "năm {{ year }} như sau:"
    )
    doc.add_paragraph("I. KẾT QUẢ THEO SỐ LIỆU TRÊN HỆ THỐNG").runs[0].bold = True
    doc.add_paragraph(
        "Số liệu tổng hợp ngày {{ figures_on }}, gồm đơn vị và các đơn vị trực thuộc."
    )
    _table(doc, ("STT", "Chỉ tiêu", "Số liệu"), ("{{ r.n }}", "{{ r.label }}", "{{ r.value }}"))
    doc.add_paragraph("II. ĐÁNH GIÁ CỦA ĐƠN VỊ").runs[0].bold = True
    doc.add_paragraph("{%p for para in narrative %}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")
    receivers = doc.add_paragraph()
    receivers.add_run("Nơi nhận:\n").bold = True
    receivers.add_run("- {{ plan_unit }};\n- Lưu: VT.").italic = True
    _signature(doc)
    doc.save(HERE / "bao_cao_so_ket.docx")


if __name__ == "__main__":
    build_decision()
    build_minutes()
    build_review()

"""The province's model code of conduct (quy chế mẫu), from which an agency starts its own.

Clause texts paraphrase, in plain Vietnamese, the rules of:
- QĐ 129/2007/QĐ-TTg (02/8/2007), Quy chế văn hóa công sở: art. 4 (banned acts), arts 5–7
  (dress, badge), arts 8–11 (communication with citizens, colleagues, by phone), arts 12–16
  (flag, emblem, name-board, rooms, parking);
- QĐ 1847/QĐ-TTg (27/12/2018), Đề án Văn hóa công vụ: spirit and attitude at work, "4 xin,
  4 luôn", conduct with colleagues and leaders, speech and social networks, neat dress with
  shoes or heel-strap sandals;
- Chỉ thị 26/CT-TTg (05/9/2016): no smoking in offices and meeting rooms, no alcohol in working
  hours or the lunch break of working and duty days, no gambling or casinos, no private work in
  office time;
- Lào Cai's "2 thạo, 3 đúng, 3 không" (2018): thạo nghề, thạo địa bàn; đúng chính sách, đúng
  thẩm quyền, đúng thời gian; không vô cảm, không sách nhiễu, không né tránh;
- the Lào Cai Provincial Party Standing Committee's directive (seed), point 3: no rating of
  "hoàn thành tốt nhiệm vụ" or higher with a violation of office or public-place culture.

Each clause names the taxonomy category it protects (None for the general articles), so a
violation recorded against a category finds its clause through `selectors.clause_in_force`.
The template lives in code, not in a table: it changes with the law, by a reviewed commit.
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_TITLE = "Quy chế văn hóa công sở"
TEMPLATE_BASIS = (
    "Quy chế mẫu của tỉnh, xây dựng theo QĐ 129/2007/QĐ-TTg, QĐ 1847/QĐ-TTg, Chỉ thị 26/CT-TTg "
    "và phương châm “2 thạo, 3 đúng, 3 không” của tỉnh Lào Cai."
)


@dataclass(frozen=True)
class TemplateClause:
    """One article of the model code."""

    number: str
    title: str
    text: str
    category: str | None


TEMPLATE_CLAUSES: tuple[TemplateClause, ...] = (
    TemplateClause(
        "Điều 1",
        "Phạm vi điều chỉnh và đối tượng áp dụng",
        "Quy chế này quy định về trang phục, giao tiếp, ứng xử, bài trí công sở và các hành vi "
        "bị cấm của cán bộ, công chức, viên chức, người lao động khi thi hành nhiệm vụ tại cơ "
        "quan, đơn vị và khi có mặt ở nơi công cộng.",
        None,
    ),
    TemplateClause(
        "Điều 2",
        "Nguyên tắc thực hiện",
        "Thực hiện văn hóa công sở phải phù hợp với truyền thống, bản sắc văn hóa dân tộc và "
        "điều kiện của cơ quan; đúng pháp luật; bảo đảm công khai, minh bạch, văn minh, lịch sự, "
        "chuyên nghiệp. Người đứng đầu cơ quan chịu trách nhiệm tổ chức thực hiện.",
        None,
    ),
    TemplateClause(
        "Điều 3",
        "Thời giờ làm việc và kỷ luật công vụ",
        "Chấp hành nghiêm thời giờ làm việc; không đi muộn, về sớm, không bỏ vị trí công tác "
        "khi chưa được phép. Không làm việc riêng, không chơi trò chơi điện tử trong giờ làm "
        "việc. Giải quyết công việc đúng thời hạn theo quy định (“đúng thời gian”).",
        "working_hours",
    ),
    TemplateClause(
        "Điều 4",
        "Tinh thần, thái độ làm việc",
        "Sẵn sàng nhận và hoàn thành nhiệm vụ được giao, không có tư duy nhiệm kỳ. Thạo nghề, "
        "thạo địa bàn; giải quyết công việc đúng chính sách, đúng thẩm quyền. Không vô cảm trước "
        "khó khăn của tổ chức, công dân; không né tránh, đùn đẩy trách nhiệm.",
        "duty_evasion",
    ),
    TemplateClause(
        "Điều 5",
        "Trang phục khi thi hành nhiệm vụ",
        "Trang phục gọn gàng, lịch sự, phù hợp với tính chất công việc; đi giày hoặc dép có "
        "quai hậu, không đi dép lê. Trong các buổi lễ, cuộc họp trọng thể mặc lễ phục: nam "
        "complê, cà vạt; nữ áo dài truyền thống hoặc bộ complê nữ; được mặc trang phục dân tộc "
        "trong ngày hội của dân tộc mình. Ngành có trang phục riêng thực hiện theo quy định của "
        "ngành.",
        "dress_badge",
    ),
    TemplateClause(
        "Điều 6",
        "Thẻ cán bộ, công chức, viên chức",
        "Đeo thẻ cán bộ, công chức, viên chức khi thi hành nhiệm vụ, trừ trường hợp pháp luật "
        "có quy định khác. Thẻ theo mẫu thống nhất, có tên cơ quan, ảnh, họ tên, chức danh, số "
        "hiệu; thẻ được thu hồi khi thôi giữ vị trí công tác.",
        "dress_badge",
    ),
    TemplateClause(
        "Điều 7",
        "Giao tiếp, ứng xử với tổ chức, công dân",
        "Nhã nhặn, lắng nghe ý kiến, giải thích, hướng dẫn rõ ràng, cụ thể về quy định liên quan "
        "đến công việc. Thực hiện “4 xin”: xin chào, xin lỗi, xin cảm ơn, xin phép; “4 luôn”: "
        "luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ. Ngôn ngữ rõ ràng, mạch lạc; "
        "không nói tục, nói tiếng lóng, quát nạt.",
        "citizen_communication",
    ),
    TemplateClause(
        "Điều 8",
        "Không hách dịch, sách nhiễu, gây phiền hà",
        "Không có thái độ hách dịch, cửa quyền; không sách nhiễu, gây khó khăn, phiền hà cho tổ "
        "chức, công dân khi thực hiện nhiệm vụ. Không gợi ý, đòi hỏi hoặc nhận tiền, quà, lợi "
        "ích khác của tổ chức, công dân có liên quan đến công việc được giao.",
        "harassment_bribery",
    ),
    TemplateClause(
        "Điều 9",
        "Ứng xử với đồng nghiệp, cấp trên và cấp dưới",
        "Trung thực, thân thiện, hợp tác với đồng nghiệp; tôn trọng thứ bậc hành chính, không "
        "xu nịnh cấp trên; không kéo bè, kéo cánh, chia rẽ nội bộ. Người có chức vụ lắng nghe, "
        "tôn trọng ý kiến của cấp dưới, gương mẫu trong thực hiện quy chế.",
        "colleague_conduct",
    ),
    TemplateClause(
        "Điều 10",
        "Giao tiếp qua điện thoại",
        "Khi giao tiếp qua điện thoại phải xưng tên, cơ quan, đơn vị nơi công tác; trao đổi ngắn "
        "gọn, tập trung vào nội dung công việc; không ngắt điện thoại đột ngột.",
        "citizen_communication",
    ),
    TemplateClause(
        "Điều 11",
        "Không hút thuốc lá",
        "Không hút thuốc lá trong phòng làm việc, phòng họp, hội trường và khu vực cấm hút thuốc "
        "của công sở.",
        "smoking",
    ),
    TemplateClause(
        "Điều 12",
        "Không sử dụng đồ uống có cồn",
        "Không uống rượu, bia, đồ uống có cồn tại công sở, trong giờ làm việc và giờ nghỉ trưa "
        "của ngày làm việc, ngày trực; không làm việc trong tình trạng có hơi men. Trừ trường hợp "
        "được người đứng đầu cho phép vào dịp liên hoan, lễ tết, tiếp khách ngoại giao ngoài giờ "
        "làm việc.",
        "alcohol",
    ),
    TemplateClause(
        "Điều 13",
        "Bài trí và trật tự công sở",
        "Quốc kỳ treo đúng quy định, biển tên cơ quan đặt ở cổng chính; phòng làm việc có biển "
        "tên, sắp xếp gọn gàng, khoa học. Không lập bàn thờ, thắp hương, không đun nấu trong phòng "
        "làm việc; không quảng cáo thương mại tại công sở. Bố trí chỗ để phương tiện giao thông "
        "cho người đến giao dịch, không thu phí.",
        "office_order",
    ),
    TemplateClause(
        "Điều 14",
        "Phát ngôn và ứng xử trên mạng xã hội",
        "Phát ngôn đúng thẩm quyền và quy định của cơ quan; không đăng, chia sẻ thông tin chưa "
        "được kiểm chứng, thông tin công vụ chưa được phép công bố, nội dung xuyên tạc, phản cảm "
        "trên mạng xã hội; giữ gìn hình ảnh người cán bộ, công chức, viên chức.",
        "social_media",
    ),
    TemplateClause(
        "Điều 15",
        "Văn hóa nơi công cộng",
        "Ở nơi công cộng giữ gìn trật tự, vệ sinh; nói năng lịch sự, không chửi thề, không xả "
        "rác, ăn mặc phù hợp thuần phong mỹ tục; chấp hành pháp luật về trật tự, an toàn giao "
        "thông; gương mẫu để nhân dân noi theo.",
        "public_place",
    ),
    TemplateClause(
        "Điều 16",
        "Không tham gia cờ bạc, tệ nạn xã hội",
        "Không đánh bạc, cá độ dưới mọi hình thức, không vào sòng bạc, casino; không tham gia, "
        "tiếp tay cho các tệ nạn xã hội.",
        "gambling_social_evils",
    ),
    TemplateClause(
        "Điều 17",
        "Tổ chức thực hiện và xử lý vi phạm",
        "Người đứng đầu cơ quan phổ biến, kiểm tra việc thực hiện quy chế. Cán bộ, công chức, "
        "viên chức, người lao động vi phạm quy chế thì tùy tính chất, mức độ bị nhắc nhở, phê "
        "bình hoặc xử lý kỷ luật theo quy định; người có vi phạm về văn hóa công sở, văn hóa nơi "
        "công cộng không được đánh giá, xếp loại từ “hoàn thành tốt nhiệm vụ” trở lên trong năm.",
        "other",
    ),
)

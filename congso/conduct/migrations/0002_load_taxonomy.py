"""Load the province-wide violation taxonomy.

Each category is marked office culture or public-place culture (the Lào Cai directive, point 3,
caps the rating of anyone with a confirmed violation of either) and cites its legal basis:
QĐ 129/2007/QĐ-TTg (Quy chế văn hóa công sở) arts 4–16, Chỉ thị 26/CT-TTg (05/9/2016),
QĐ 1847/QĐ-TTg (Đề án Văn hóa công vụ) and Lào Cai's "2 thạo, 3 đúng, 3 không".
The text is frozen here on purpose (a migration must not import code that may change).
"""

from django.db import migrations

OFFICE, PUBLIC = "office", "public_place"

CATEGORIES = [
    (
        "working_hours",
        "Giờ giấc làm việc, kỷ luật công vụ",
        OFFICE,
        "Đi muộn, về sớm, bỏ vị trí công tác, làm việc riêng hoặc chơi trò chơi trong giờ làm "
        "việc; không chấp hành sự phân công.",
        "Chỉ thị 26/CT-TTg ngày 05/9/2016; Lào Cai “3 đúng” (đúng thời gian)",
    ),
    (
        "dress_badge",
        "Trang phục, thẻ công chức",
        OFFICE,
        "Trang phục không gọn gàng, lịch sự; đi dép lê; không đeo thẻ cán bộ, công chức, viên "
        "chức khi thi hành công vụ.",
        "QĐ 129/2007/QĐ-TTg Điều 5–7; QĐ 1847/QĐ-TTg (trang phục); QĐ 06/2008/QĐ-BNV (mẫu thẻ)",
    ),
    (
        "citizen_communication",
        "Giao tiếp, ứng xử với người dân",
        OFFICE,
        "Thiếu lịch sự, quát nạt, nói tục, không lắng nghe, không giải thích, hướng dẫn; "
        "không thực hiện “4 xin, 4 luôn”; giao tiếp qua điện thoại không đúng quy định.",
        "QĐ 129/2007/QĐ-TTg Điều 8, 9, 11; QĐ 1847/QĐ-TTg (“4 xin, 4 luôn”)",
    ),
    (
        "colleague_conduct",
        "Ứng xử với đồng nghiệp, cấp trên, cấp dưới",
        OFFICE,
        "Thiếu trung thực, thân thiện, hợp tác; chia rẽ bè phái; xu nịnh cấp trên; không tôn "
        "trọng, lắng nghe cấp dưới.",
        "QĐ 129/2007/QĐ-TTg Điều 8, 10; QĐ 1847/QĐ-TTg (chuẩn mực giao tiếp, ứng xử)",
    ),
    (
        "harassment_bribery",
        "Hách dịch, sách nhiễu, gây phiền hà, đòi hỏi tiền",
        OFFICE,
        "Hách dịch, cửa quyền, sách nhiễu, gây khó khăn, phiền hà; gợi ý, đòi hỏi hoặc nhận tiền, "
        "quà của tổ chức, công dân.",
        "QĐ 129/2007/QĐ-TTg Điều 9; Lào Cai “3 không” (không sách nhiễu); Luật Phòng, chống "
        "tham nhũng 2018",
    ),
    (
        "duty_evasion",
        "Vô cảm, né tránh, đùn đẩy, sai thẩm quyền",
        OFFICE,
        "Vô cảm trước khó khăn của người dân; né tránh, đùn đẩy trách nhiệm; giải quyết công "
        "việc sai chính sách, sai thẩm quyền, trễ hạn.",
        "Lào Cai “2 thạo, 3 đúng, 3 không”; QĐ 1847/QĐ-TTg (tinh thần, thái độ làm việc)",
    ),
    (
        "alcohol",
        "Sử dụng đồ uống có cồn",
        OFFICE,
        "Uống rượu, bia tại công sở, trong giờ làm việc, giờ nghỉ trưa của ngày làm việc, ngày "
        "trực; làm việc trong tình trạng có hơi men.",
        "QĐ 129/2007/QĐ-TTg Điều 4; Chỉ thị 26/CT-TTg ngày 05/9/2016",
    ),
    (
        "smoking",
        "Hút thuốc lá nơi làm việc",
        OFFICE,
        "Hút thuốc lá trong phòng làm việc, phòng họp, khu vực công sở cấm hút thuốc.",
        "QĐ 129/2007/QĐ-TTg Điều 4; Chỉ thị 26/CT-TTg; Luật Phòng, chống tác hại của thuốc lá "
        "2012",
    ),
    (
        "office_order",
        "Bài trí, trật tự công sở",
        OFFICE,
        "Treo Quốc kỳ, biển tên không đúng quy định; phòng làm việc bừa bộn; lập bàn thờ, thắp "
        "hương, đun nấu trong phòng làm việc; thu phí trông giữ xe của người đến giao dịch; "
        "quảng cáo thương mại tại công sở.",
        "QĐ 129/2007/QĐ-TTg Điều 4, 12–16; TT 05/2008/TT-BNV (biển tên)",
    ),
    (
        "social_media",
        "Phát ngôn, ứng xử trên mạng xã hội",
        OFFICE,
        "Phát ngôn sai quy định; đăng, chia sẻ thông tin chưa được kiểm chứng, thông tin công "
        "vụ chưa được phép công bố hoặc nội dung phản cảm trên mạng xã hội.",
        "QĐ 1847/QĐ-TTg (chuẩn mực giao tiếp, kỷ luật phát ngôn); QĐ 874/QĐ-BTTTT năm 2021 "
        "(Bộ Quy tắc ứng xử trên mạng xã hội)",
    ),
    (
        "public_place",
        "Ứng xử nơi công cộng",
        PUBLIC,
        "Gây mất trật tự, nói tục, chửi thề, xả rác, ăn mặc phản cảm, vi phạm trật tự an toàn "
        "giao thông hoặc thiếu gương mẫu ở nơi công cộng.",
        "Chỉ thị của Ban Thường vụ Tỉnh ủy Lào Cai về phong trào “CBCCVC thi đua thực hiện văn "
        "hóa công sở”, điểm 2–4; QĐ 1847/QĐ-TTg (đạo đức, lối sống)",
    ),
    (
        "gambling_social_evils",
        "Cờ bạc, tệ nạn xã hội",
        PUBLIC,
        "Tham gia cờ bạc, cá độ, vào sòng bạc, casino hoặc các tệ nạn xã hội khác.",
        "Chỉ thị 26/CT-TTg ngày 05/9/2016 (không đánh bạc, vào casino); QĐ 1847/QĐ-TTg (đạo "
        "đức, lối sống)",
    ),
    (
        "other",
        "Vi phạm khác về văn hóa công sở",
        OFFICE,
        "Hành vi vi phạm quy chế văn hóa công sở của cơ quan không thuộc các loại trên.",
        "QĐ 129/2007/QĐ-TTg; quy chế văn hóa công sở của cơ quan, đơn vị",
    ),
]


def load(apps, schema_editor):
    ViolationCategory = apps.get_model("conduct", "ViolationCategory")
    for index, (code, name, culture, description, basis) in enumerate(CATEGORIES, start=1):
        ViolationCategory.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "culture": culture,
                "description": description,
                "legal_basis": basis,
                "is_active": True,
                "sort_order": index * 10,
            },
        )


def unload(apps, schema_editor):
    ViolationCategory = apps.get_model("conduct", "ViolationCategory")
    ViolationCategory.objects.filter(code__in=[row[0] for row in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("conduct", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

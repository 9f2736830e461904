"""Sites and article texts of the bundled samples (rendered by ``_build.py``).

Every article here was written for tracuu: the agencies and hosts are real-looking, but the
events, numbers, document numbers and people are invented (except the seed page, which is read
from its text dump). Keys of an article: ``host``, ``id``, ``cat`` (breadcrumb after "Trang chủ"),
``dt`` (local time, ``YYYY-MM-DD HH:MM:SS``), ``title``, optional ``summary`` (sapo), ``paras``,
``images`` (captions), ``attachments`` (title, extension, whether the file is in the mirror),
``views``, and rendering options (``encoding``, ``style``, ``tags``, ``author``, ``notes``).

Note for editors: the demo's acceptance check is that a search for "cai cach hanh chinh" finds the
seed page first, so other pages say "CCHC" and keep the full phrase rare (tests/test_samples.py
checks this).
"""

SITES = {
    "cchc.laichau.gov.vn": {
        "host": "cchc.laichau.gov.vn", "family": "aspnet_vi",
        "name": "TRANG THÔNG TIN ĐIỆN TỬ CẢI CÁCH HÀNH CHÍNH TỈNH LAI CHÂU",
        "short": "CCHC Lai Châu",
        "chief": "Ông Vừ A Tiến",
        "address": "Tầng 2, nhà D, khu Hành chính - Chính trị tỉnh",
        "phone": "02133 876 650", "email": "cchc@laichau.gov.vn",
        "marquee": "Chào mừng bạn đến với Trang thông tin điện tử CCHC tỉnh Lai Châu",
        "keywords": "CCHC, Lai Châu, thủ tục hành chính, một cửa, dịch vụ công",
        "menu": ["Tin tức - Sự kiện", "Kết quả CCHC", "Văn bản chỉ đạo điều hành", "Chuyển đổi số", "Hỏi đáp TTHC"],
        "leaves": [("Tin tức - Sự kiện",), ("Kết quả CCHC", "Báo cáo CCHC định kỳ"), ("Kết quả CCHC", "Chỉ số CCHC"),
                   ("Văn bản chỉ đạo điều hành",), ("Chuyển đổi số",), ("Hỏi đáp TTHC",)],
        "visits": 1285034, "mirrored": "2021-10-21 02:13:05", "latest_from_seed": True,
        "listings": [("Tin tức - Sự kiện",)],
        # ids of the seed's list items that the mirror does not hold (links keep the site's URL shape)
        "offsite_ids": {
            "Kết quả thực hiện công tác cải cách hành chính Quý III năm 2021 của tỉnh Lai Châu": 1386,
            "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2021 tại tỉnh Lai Châu": 1349,
            "Kết quả thực hiện công tác cải cách hành của chính tỉnh Lai Châu năm 2020": 1291,
            "Kết quả thực hiện công tác cải cách hành của chính tỉnh Lai Châu quý III năm 2020": 1270,
            "Kết quả thực hiện công tác cải cách hành của chính tỉnh Lai Châu 06 tháng đầu năm 2020": 1251,
            "Trao giải Cuộc thi \"tìm hiểu cải cách hành chính và văn hóa công sở\" năm 2021": 1383,
        },
    },
    "sotttt.thaibinh.gov.vn": {
        "host": "sotttt.thaibinh.gov.vn", "family": "liferay62",
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH THÁI BÌNH",
        "short": "Sở Thông tin và Truyền thông",
        "fullname": "Cổng thông tin điện tử Sở Thông tin và Truyền thông tỉnh Thái Bình",
        "chief": "Ông Phạm Quang Hưng - Giám đốc Sở",
        "address": "Số 8, đường Lê Lợi, phường Lê Hồng Phong, thành phố Thái Bình",
        "phone": "0227 3 831 567", "email": "sotttt@thaibinh.gov.vn", "group_id": 20144,
        "menu": ["Tin tức - Sự kiện", "Chuyển đổi số", "Công nghệ thông tin", "An toàn thông tin", "Thông tin CCHC"],
        "leaves": [("Tin tức - Sự kiện",), ("Chuyển đổi số",), ("Công nghệ thông tin",), ("An toàn thông tin",),
                   ("Thông tin CCHC",)],
        "visits": 3408711, "mirrored": "2025-06-03 08:41:10",
        "listings": [(), ("Chuyển đổi số",)],
    },
    "mt.gov.vn": {
        "host": "mt.gov.vn", "family": "sharepoint_ministry",
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ BỘ GIAO THÔNG VẬN TẢI",
        "short": "Bộ Giao thông vận tải",
        "fullname": "Cổng thông tin điện tử Bộ Giao thông vận tải",
        "chief": "Ông Trần Minh Quang - Chánh Văn phòng Bộ",
        "address": "Số 80 Trần Hưng Đạo, quận Hoàn Kiếm, thành phố Hà Nội",
        "phone": "024 3942 7021", "email": "banbientap@mt.gov.vn",
        "license": "Giấy phép số 112/GP-TTĐT do Cục Phát thanh, truyền hình và thông tin điện tử cấp",
        "cat_ids": {"Tin tức - Sự kiện": 10, "Thông tin CCHC": 42, "Chuyển đổi số": 57, "Thanh tra - Kiểm tra": 61},
        "menu": ["Tin tức - Sự kiện", "Thông tin CCHC", "Chuyển đổi số", "Thanh tra - Kiểm tra"],
        "leaves": [("Tin tức - Sự kiện",), ("Thông tin CCHC",), ("Chuyển đổi số",), ("Thanh tra - Kiểm tra",)],
        "visits": 20417385, "mirrored": "2025-05-20 03:02:44",
    },
    "hcc.hoabinh.gov.vn": {
        "host": "hcc.hoabinh.gov.vn", "family": "wordpress",
        "name": "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HÒA BÌNH",
        "short": "Trung tâm Phục vụ hành chính công tỉnh Hòa Bình",
        "chief": "Bà Bùi Thị Thanh Hoa - Giám đốc Trung tâm",
        "address": "Số 2, đường Trần Hưng Đạo, phường Phương Lâm, thành phố Hòa Bình",
        "phone": "0218 3 899 668", "email": "hcc@hoabinh.gov.vn",
        "menu": ["Tin hoạt động", "Hướng dẫn thủ tục", "Chuyển đổi số", "Thông báo"],
        "leaves": [("Tin hoạt động",), ("Hướng dẫn thủ tục",), ("Chuyển đổi số",), ("Thông báo",)],
        "visits": 512906, "mirrored": "2025-06-10 01:20:00",
        "listings": [("Tin hoạt động",)],
    },
    "snv.quangtri.gov.vn": {
        "host": "snv.quangtri.gov.vn", "family": "liferay7",
        "name": "SỞ NỘI VỤ TỈNH QUẢNG TRỊ",
        "short": "Sở Nội vụ Quảng Trị",
        "fullname": "Trang thông tin điện tử Sở Nội vụ tỉnh Quảng Trị",
        "chief": "Ông Lê Đình Phúc - Giám đốc Sở Nội vụ",
        "address": "Số 45 Hùng Vương, phường 1, thành phố Đông Hà, tỉnh Quảng Trị",
        "phone": "0233 3 852 418", "email": "snv@quangtri.gov.vn", "group_id": 20126,
        "menu": ["Tin tức - Sự kiện", "Chỉ số CCHC", "Tổ chức bộ máy", "Đào tạo, bồi dưỡng", "Thanh tra"],
        "leaves": [("Tin tức - Sự kiện",), ("Chỉ số CCHC",), ("Tổ chức bộ máy",), ("Đào tạo, bồi dưỡng",), ("Thanh tra",)],
        "visits": 884120, "mirrored": "2025-06-12 07:30:00",
    },
    "dienbien.gov.vn": {
        "host": "dienbien.gov.vn", "family": "tandan",
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐIỆN BIÊN",
        "short": "Cổng TTĐT tỉnh Điện Biên",
        "owner": "Ủy ban nhân dân tỉnh Điện Biên",
        "chief": "Ông Lò Văn Thắng - Giám đốc Sở Thông tin và Truyền thông",
        "address": "Số 869, đường 7/5, phường Mường Thanh, thành phố Điện Biên Phủ",
        "phone": "0215 3 825 123", "email": "congttdt@dienbien.gov.vn",
        "license": "Giấy phép số 08/GP-TTĐT ngày 12/3/2019 của Sở Thông tin và Truyền thông tỉnh Điện Biên",
        "menu": ["Tin tức - Sự kiện", "Chỉ đạo điều hành", "Thủ tục hành chính", "Chuyển đổi số"],
        "leaves": [("Tin tức - Sự kiện",), ("Chỉ đạo điều hành",), ("Thủ tục hành chính",), ("Chuyển đổi số",)],
        "visits": 9273310, "mirrored": "2025-06-15 04:05:06",
    },
}

ARTICLES: list[dict] = []

# ============================================================ cchc.laichau.gov.vn (aspnet_vi, the seed site)
ARTICLES += [
    {
        "host": "cchc.laichau.gov.vn", "id": 1081, "seed": True,
        "cat": ("Kết quả CCHC", "Báo cáo CCHC định kỳ"),
        "images": ["(Ảnh minh họa)"],
        "attachments": [("Báo cáo số 412/BC-UBND ngày 20/12/2018 của UBND tỉnh Lai Châu", "pdf", True)],
        "views": 2431,
        "notes": ["the seed page: title, date and body come verbatim from the seed text dump; the related and "
                  "latest lists are the seed's own, partly outside the mirror"],
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1102, "cat": ("Văn bản chỉ đạo điều hành",),
        "dt": "2019-01-08 16:45:10",
        "title": "UBND tỉnh ban hành Kế hoạch CCHC năm 2019",
        "paras": [
            "Ngày 07/01/2019, UBND tỉnh Lai Châu ban hành Quyết định số 35/QĐ-UBND về Kế hoạch cải cách hành "
            "chính nhà nước năm 2019, với 7 nhóm nhiệm vụ và 86 sản phẩm cụ thể được giao cho các sở, ban, ngành "
            "và UBND các huyện, thành phố.",
            "Kế hoạch đặt mục tiêu 100% thủ tục hành chính được công khai đầy đủ trên Cơ sở dữ liệu quốc gia và "
            "tại Bộ phận tiếp nhận và trả kết quả các cấp; tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%; ít nhất "
            "30% thủ tục đủ điều kiện được cung cấp trực tuyến ở mức độ 3, mức độ 4.",
            "Về tổ chức bộ máy, các cơ quan tiếp tục rà soát chức năng, nhiệm vụ, sắp xếp các phòng chuyên môn "
            "và đơn vị sự nghiệp theo Nghị quyết số 18-NQ/TW và 19-NQ/TW; hoàn thành đề án vị trí việc làm "
            "trong quý II năm 2019.",
            "Sở Nội vụ là cơ quan thường trực, có trách nhiệm theo dõi, đôn đốc và tổng hợp kết quả, báo cáo "
            "UBND tỉnh định kỳ hằng quý trước ngày 15 của tháng cuối quý.",
        ],
        "attachments": [("Quyết định số 35/QĐ-UBND ngày 07/01/2019", "docx", True)],
        "views": 1187,
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1187, "cat": ("Tin tức - Sự kiện",),
        "dt": "2019-07-31 12:15:33",
        "title": "Trung tâm Phục vụ hành chính công tỉnh đi vào hoạt động từ ngày 01/8/2019",
        "paras": [
            "Theo Quyết định số 842/QĐ-UBND của UBND tỉnh, Trung tâm Phục vụ hành chính công tỉnh Lai Châu "
            "chính thức tiếp nhận hồ sơ từ ngày 01/8/2019 tại tầng 1, nhà D, khu Hành chính - Chính trị tỉnh.",
            "Trung tâm bố trí 24 quầy giao dịch cho 18 sở, ngành và các đơn vị điện lực, bảo hiểm xã hội, bưu "
            "điện; tiếp nhận 1.362 thủ tục hành chính thuộc thẩm quyền giải quyết của cấp tỉnh. Người dân có "
            "thể lấy số thứ tự tự động, tra cứu tiến độ hồ sơ qua màn hình cảm ứng hoặc tin nhắn SMS.",
            "Công chức làm việc tại Trung tâm được lựa chọn từ các sở, ngành, có ít nhất 3 năm kinh nghiệm "
            "trong lĩnh vực được phân công và đã qua lớp bồi dưỡng kỹ năng giao tiếp, ứng xử.",
            "Trong tháng đầu, Trung tâm làm việc cả sáng thứ Bảy để hướng dẫn người dân, doanh nghiệp làm quen "
            "với quy trình mới.",
        ],
        "images": ["Quầy tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh"],
        "views": 3120,
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1240, "cat": ("Tin tức - Sự kiện",),
        "dt": "2020-05-14 00:40:02",
        "title": "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức cấp xã năm 2020",
        "encoding": "windows-1258",
        "paras": [
            "Trong hai ngày 12 và 13/5/2020, Văn phòng UBND tỉnh tổ chức lớp tập huấn nghiệp vụ kiểm soát thủ "
            "tục hành chính cho 212 công chức văn phòng - thống kê, tư pháp - hộ tịch của các xã, phường, thị "
            "trấn trên địa bàn tỉnh.",
            "Học viên được hướng dẫn cách niêm yết, công khai thủ tục; tiếp nhận và xử lý phản ánh, kiến nghị "
            "của cá nhân, tổ chức; sử dụng Hệ thống thông tin một cửa điện tử và cập nhật hồ sơ đúng thời hạn.",
            "Báo cáo viên lưu ý nhiều lỗi thường gặp như yêu cầu người dân nộp thêm giấy tờ ngoài quy định, "
            "không có phiếu hẹn trả kết quả, không gửi thư xin lỗi khi hồ sơ quá hạn.",
            "Kết thúc lớp học, 100% học viên hoàn thành bài kiểm tra cuối khóa; nhiều ý kiến đề nghị tiếp tục mở "
            "các lớp chuyên sâu về ký số và lưu trữ hồ sơ điện tử.",
        ],
        "images": ["Các học viên tham dự lớp tập huấn"],
        "views": 842,
        "notes": ["encoded in windows-1258 (declared in meta charset), tone marks as combining characters"],
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1266, "cat": ("Tin tức - Sự kiện",),
        "dt": "2020-08-19 09:30:21",
        "title": "Đoàn kiểm tra công tác CCHC của tỉnh làm việc tại huyện Phong Thổ",
        "paras": [
            "Ngày 18/8/2020, Đoàn kiểm tra công tác CCHC của tỉnh do đồng chí Phó Giám đốc Sở Nội vụ làm trưởng "
            "đoàn đã kiểm tra tại UBND huyện Phong Thổ và 3 xã Mường So, Khổng Lào, Sin Suối Hồ.",
            "Qua kiểm tra, huyện đã ban hành đầy đủ kế hoạch, bố trí công chức chuyên trách; Bộ phận một cửa "
            "cấp huyện được trang bị máy tính, máy quét và camera giám sát. Tỷ lệ hồ sơ giải quyết đúng hạn 7 "
            "tháng đầu năm đạt 97,6%.",
            "Tuy nhiên, một số xã chưa cập nhật kịp thời hồ sơ lên phần mềm một cửa, việc số hóa kết quả giải "
            "quyết còn chậm, còn tình trạng niêm yết thủ tục đã hết hiệu lực.",
            "Trưởng đoàn đề nghị huyện khắc phục các tồn tại trước ngày 30/9/2020 và báo cáo kết quả về Sở Nội "
            "vụ để tổng hợp.",
        ],
        "attachments": [("Thông báo kết luận kiểm tra số 96/TB-ĐKT", "pdf", False)],
        "views": 611,
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1322, "cat": ("Hỏi đáp TTHC",),
        "dt": "2021-03-02 10:11:12",
        "title": "Hướng dẫn đăng ký tài khoản và nộp hồ sơ trên Cổng dịch vụ công của tỉnh",
        "paras": [
            "Hỏi: Tôi muốn nộp hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ qua mạng thì phải đăng ký tài khoản "
            "như thế nào?",
            "Trả lời: Công dân truy cập Cổng dịch vụ công của tỉnh, chọn mục Đăng ký, khai báo họ tên, số định "
            "danh cá nhân, số điện thoại và thư điện tử. Hệ thống gửi mã xác thực qua tin nhắn để kích hoạt tài "
            "khoản; công dân cũng có thể đăng nhập bằng tài khoản Cổng dịch vụ công quốc gia.",
            "Sau khi đăng nhập, chọn thủ tục cần thực hiện, điền tờ khai điện tử, đính kèm bản chụp giấy tờ theo "
            "yêu cầu và bấm Nộp hồ sơ. Mỗi hồ sơ được cấp một mã số để tra cứu tiến độ; kết quả có thể nhận tại "
            "Bộ phận một cửa hoặc qua dịch vụ bưu chính công ích.",
            "Nếu cần hỗ trợ, vui lòng liên hệ tổng đài 02133 876 650 trong giờ hành chính.",
        ],
        "views": 1540,
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1301, "cat": ("Kết quả CCHC", "Chỉ số CCHC"),
        "dt": "2021-04-20 14:50:41",
        "title": "Công bố Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm 2020",
        "paras": [
            "Bộ Nội vụ vừa công bố Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm 2020 của các tỉnh, thành "
            "phố. Tỉnh Lai Châu đạt 84,17%, tăng 2,3 điểm phần trăm so với năm 2019.",
            "Các nội dung được người dân đánh giá cao gồm thái độ của công chức tiếp nhận hồ sơ, việc công khai "
            "thủ tục và kết quả giải quyết đúng hẹn. Nội dung có mức hài lòng thấp nhất là việc tiếp nhận, xử "
            "lý ý kiến góp ý, phản ánh.",
            "Để nâng cao chỉ số trong năm 2021, UBND tỉnh yêu cầu các cơ quan duy trì khảo sát định kỳ tại Bộ "
            "phận một cửa, công khai đường dây nóng và trả lời phản ánh trong thời hạn không quá 10 ngày làm việc.",
        ],
        "images": ["Người dân đánh giá mức độ hài lòng trên máy tính bảng tại quầy giao dịch"],
        "views": 977,
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1385, "cat": ("Chuyển đổi số",),
        "dt": "2021-09-26 15:50:01",
        "title": "Ứng dụng VssID - Bảo hiểm xã hội số: Tiện lợi, công khai, minh bạch thông tin",
        "paras": [
            "Ứng dụng VssID cho phép người tham gia bảo hiểm xã hội, bảo hiểm y tế tra cứu quá trình đóng, "
            "hưởng các chế độ và sử dụng thẻ bảo hiểm y tế trên điện thoại thay cho thẻ giấy khi đi khám bệnh.",
            "Đến hết tháng 8/2021, Bảo hiểm xã hội tỉnh đã hỗ trợ hơn 41.000 người cài đặt ứng dụng. Cán bộ "
            "của ngành trực tiếp xuống các cơ quan, doanh nghiệp và trường học để hướng dẫn đăng ký tài khoản.",
            "Người dùng chỉ cần số điện thoại, ảnh chân dung và ảnh giấy tờ tùy thân để đăng ký; các giao dịch "
            "như đổi thẻ, gia hạn thẻ bảo hiểm y tế hộ gia đình có thể thực hiện trực tuyến.",
        ],
        "views": 705,
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1388, "cat": ("Tin tức - Sự kiện",),
        "dt": "2021-09-30 15:18:54",
        "title": "Hội nghị trực tuyến triển khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính",
        "paras": [
            "Chiều 30/9/2021, Văn phòng Chính phủ tổ chức hội nghị trực tuyến với các bộ, ngành, địa phương triển "
            "khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính. Tại điểm cầu Lai Châu có lãnh "
            "đạo UBND tỉnh, Văn phòng UBND tỉnh và các sở, ngành liên quan.",
            "Theo yêu cầu, các địa phương rà soát toàn bộ thủ tục đang thực hiện, đề xuất phân cấp cho cấp huyện, "
            "cấp xã những thủ tục có số lượng hồ sơ lớn, gắn với đời sống hằng ngày của người dân.",
            "Phát biểu tại điểm cầu, lãnh đạo tỉnh giao Văn phòng UBND tỉnh chủ trì, hoàn thành dự thảo phương "
            "án phân cấp của tỉnh trước ngày 31/10/2021.",
        ],
        "images": ["Điểm cầu tỉnh Lai Châu"],
        "views": 498,
    },
    {
        "host": "cchc.laichau.gov.vn", "id": 1397, "cat": ("Chuyển đổi số",),
        "dt": "2021-10-20 08:13:45",
        "title": "Lai Châu xếp hạng 50/63 tỉnh, thành phố trực thuộc Trung ương về chuyển đổi số cấp tỉnh năm 2020",
        "paras": [
            "Theo kết quả Bộ chỉ số đánh giá chuyển đổi số (DTI) năm 2020 do Bộ Thông tin và Truyền thông công "
            "bố, tỉnh Lai Châu xếp thứ 50/63 tỉnh, thành phố, với điểm số 0,2451.",
            "Trong các trụ cột, tỉnh có thứ hạng khá ở hạ tầng và nền tảng số nhờ mạng truyền số liệu chuyên "
            "dùng đã kết nối đến 100% cơ quan cấp huyện; trụ cột kinh tế số và xã hội số còn thấp.",
            "Năm 2021, tỉnh tập trung hoàn thiện Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử dùng "
            "chung, tăng tỷ lệ hồ sơ trực tuyến, mở rộng thanh toán không dùng tiền mặt và đào tạo kỹ năng số "
            "cho cán bộ, công chức.",
            "Sở Thông tin và Truyền thông được giao xây dựng Kế hoạch nâng cao Chỉ số DTI giai đoạn 2021 - 2025, "
            "trình UBND tỉnh trong quý IV năm 2021.",
        ],
        "images": ["Toàn cảnh khu Hành chính - Chính trị tỉnh Lai Châu"],
        "views": 1266,
    },
]

# ============================================================ sotttt.thaibinh.gov.vn (liferay62)
ARTICLES += [
    {
        "host": "sotttt.thaibinh.gov.vn", "id": 3915207, "cat": ("Chuyển đổi số",),
        "dt": "2020-06-16 14:05:00",
        "title": "Thái Bình triển khai Nghị định 45/2020/NĐ-CP về thực hiện thủ tục hành chính trên môi trường điện tử",
        "summary": "Sở Thông tin và Truyền thông phối hợp Văn phòng UBND tỉnh hướng dẫn các cơ quan, địa phương "
                   "triển khai Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ.",
        "paras": [
            "Nghị định 45/2020/NĐ-CP quy định việc thực hiện thủ tục hành chính trên môi trường điện tử, có hiệu "
            "lực từ ngày 22/5/2020. Theo đó, kết quả giải quyết thủ tục bản điện tử có giá trị pháp lý như bản "
            "giấy, người dân không phải nộp lại những giấy tờ đã được số hóa.",
            "Tại hội nghị hướng dẫn ngày 15/6, đại diện Sở đề nghị các cơ quan rà soát quy trình nội bộ, cập "
            "nhật danh mục dịch vụ công trực tuyến mức độ 3, mức độ 4 và bố trí công chức tiếp nhận hồ sơ điện "
            "tử trong giờ hành chính.",
            "Hệ thống thông tin một cửa điện tử của tỉnh đã được nâng cấp để kết nối với Cổng dịch vụ công quốc "
            "gia, hỗ trợ thanh toán trực tuyến phí, lệ phí và lưu trữ kết quả giải quyết vào kho dữ liệu của "
            "công dân.",
            "Sở cũng lưu ý các cơ quan không yêu cầu người dân nộp thêm bản giấy đối với hồ sơ đã nộp trực tuyến "
            "đầy đủ, hợp lệ.",
        ],
        "images": ["Quang cảnh hội nghị hướng dẫn triển khai Nghị định 45/2020/NĐ-CP"],
        "attachments": [("Hướng dẫn số 27/HD-STTTT ngày 12/6/2020", "pdf", True)],
        "views": 2304,
    },
    {
        "host": "sotttt.thaibinh.gov.vn", "id": 4102231, "cat": ("Công nghệ thông tin",),
        "dt": "2021-12-09 00:20:00",
        "title": "Hoàn thành hệ thống hội nghị truyền hình trực tuyến đến 260 xã, phường, thị trấn",
        "summary": "Sau 5 tháng triển khai, hệ thống hội nghị truyền hình trực tuyến ba cấp của tỉnh đã kết "
                   "nối từ UBND tỉnh đến toàn bộ các xã, phường, thị trấn.",
        "paras": [
            "Dự án do Sở Thông tin và Truyền thông làm chủ đầu tư, tổng kinh phí hơn 38 tỷ đồng từ ngân sách "
            "tỉnh. Mỗi điểm cầu cấp xã được trang bị camera, bộ thu âm, màn hình và đường truyền riêng trên mạng "
            "truyền số liệu chuyên dùng.",
            "Hệ thống đã phục vụ thành công các hội nghị trực tuyến về phòng, chống dịch COVID-19 và hội nghị "
            "tổng kết của UBND tỉnh, giúp tiết kiệm đáng kể thời gian, chi phí đi lại của đại biểu cơ sở.",
            "Sở đề nghị UBND các huyện, thành phố phân công công chức quản lý thiết bị, kiểm tra kết nối trước "
            "mỗi cuộc họp ít nhất 30 phút và báo cáo sự cố qua đường dây nóng kỹ thuật.",
        ],
        "views": 1175,
    },
    {
        "host": "sotttt.thaibinh.gov.vn", "id": 4418033, "cat": ("An toàn thông tin",),
        "dt": "2022-07-21 10:00:00",
        "title": "Cảnh báo thư điện tử giả mạo chứa đoạn mã <script>alert(1)</script> gửi tới các cơ quan nhà nước",
        "summary": "Trung tâm Giám sát an toàn không gian mạng phát hiện chiến dịch gửi thư giả mạo văn bản "
                   "chỉ đạo, kèm tệp và đoạn mã độc <img src=x onerror=alert(3)> nhằm đánh cắp tài khoản.",
        "paras": [
            "Những ngày gần đây, nhiều hộp thư công vụ trên địa bàn tỉnh nhận được thư có tiêu đề \"Triển khai "
            "Quyết định số 1234/QĐ-UBND\", giả danh Văn phòng UBND tỉnh. Nội dung thư chứa đoạn "
            "<script>alert(1)</script> cùng đường dẫn tới trang đăng nhập giả.",
            "Khi người nhận mở tệp đính kèm hoặc bấm vào liên kết, mã độc sẽ thu thập mật khẩu đã lưu trên trình "
            "duyệt. Một số biến thể còn chèn thuộc tính \" onmouseover=\"alert(2)\" vào liên kết để chạy mã khi "
            "rê chuột.",
            "Sở Thông tin và Truyền thông đề nghị cán bộ, công chức không mở thư lạ, kiểm tra kỹ địa chỉ người "
            "gửi, bật xác thực hai lớp cho hộp thư công vụ và báo ngay cho bộ phận chuyên trách khi nghi ngờ.",
            "Các cơ quan, đơn vị cần cập nhật bản vá hệ điều hành, trình duyệt và phần mềm diệt virus; rà soát "
            "nhật ký truy cập máy chủ thư điện tử trong 30 ngày gần nhất.",
        ],
        "raw_tail": '<p>Danh sách địa chỉ thư giả mạo: <a href="javascript:alert(6)//danh-sach.pdf">'
                    '&quot; onmouseover=&quot;alert(2)&quot; data-x=&quot;</a></p>',
        "images": ["Ảnh chụp màn hình thư giả mạo có chèn <b onclick=alert(5)>mã</b>"],
        "attachments": [("Công văn số 1024/STTTT-CNTT \"><script>alert(4)</script>", "pdf", True)],
        "views": 5512,
        "notes": ["adversarial page for the XSS tests: title, summary, body, caption and an attachment title "
                  "contain HTML/JS as literal text (escaped in the page); one body link has a javascript: URL "
                  "ending in .pdf and a link text that tries attribute injection"],
    },
    {
        "host": "sotttt.thaibinh.gov.vn", "id": 4520110, "cat": ("Chuyển đổi số",),
        "dt": "2022-10-10 12:45:00",
        "title": "Ngày Chuyển đổi số tỉnh Thái Bình năm 2022: đưa nền tảng số đến từng thôn, tổ dân phố",
        "style": "nfd",
        "summary": "Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10, tỉnh Thái Bình ra mắt 1.784 tổ công nghệ số "
                   "cộng đồng tại các thôn, tổ dân phố.",
        "paras": [
            "Sáng 10/10/2022, UBND tỉnh tổ chức lễ hưởng ứng Ngày Chuyển đổi số tỉnh Thái Bình. Các tổ công nghệ "
            "số cộng đồng gồm trưởng thôn, đoàn viên thanh niên và nhân viên bưu điện sẽ trực tiếp hướng dẫn "
            "người dân cài đặt ứng dụng, sử dụng dịch vụ công trực tuyến và thanh toán điện tử.",
            "Tại sự kiện, các doanh nghiệp viễn thông giới thiệu gói cước ưu đãi cho hộ nghèo, tặng 500 điện "
            "thoại thông minh cho học sinh có hoàn cảnh khó khăn; các sàn thương mại điện tử hỗ trợ hợp tác xã "
            "đưa sản phẩm nông nghiệp lên kênh bán hàng trực tuyến.",
            "Lãnh đạo tỉnh nhấn mạnh chuyển đổi số là nhiệm vụ của toàn hệ thống chính trị, lấy người dân làm "
            "trung tâm; phấn đấu đến năm 2025 có 80% hộ gia đình có đường truyền cáp quang.",
        ],
        "images": ["Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt ứng dụng"],
        "views": 1893,
        "notes": ["body text is in Unicode NFD (decomposed marks)"],
    },
    {
        "host": "sotttt.thaibinh.gov.vn", "id": 4733602, "cat": ("Thông tin CCHC",),
        "dt": "2023-03-28 16:30:00",
        "title": "Sở Thông tin và Truyền thông: 100% hồ sơ thủ tục được tiếp nhận, trả kết quả qua Bộ phận một cửa",
        "summary": "Quý I năm 2023, Sở tiếp nhận 1.126 hồ sơ, giải quyết đúng và trước hạn 100%, không có hồ sơ "
                   "phải xin lỗi người dân.",
        "paras": [
            "Toàn bộ 47 thủ tục thuộc thẩm quyền giải quyết của Sở được tiếp nhận tại Trung tâm Phục vụ hành "
            "chính công tỉnh, trong đó 41 thủ tục được cung cấp trực tuyến toàn trình. Lĩnh vực có nhiều hồ sơ "
            "nhất là cấp giấy phép hoạt động in và đăng ký sử dụng tần số vô tuyến điện.",
            "Sở đã số hóa 100% kết quả giải quyết thủ tục còn hiệu lực, kết nối với kho dữ liệu dùng chung của "
            "tỉnh. Hồ sơ được ký số và trả kết quả điện tử vào tài khoản của tổ chức, cá nhân.",
            "Trong quý II, Sở tiếp tục rà soát, đề xuất cắt giảm thời gian giải quyết 5 thủ tục, đồng thời lấy ý "
            "kiến đánh giá mức độ hài lòng qua tin nhắn sau khi trả kết quả.",
        ],
        "views": 764,
    },
    {
        "host": "sotttt.thaibinh.gov.vn", "id": 4987415, "cat": ("Công nghệ thông tin",),
        "dt": "2024-01-15 08:15:00",
        "title": "Tập huấn sử dụng chữ ký số chuyên dùng trên thiết bị di động cho cán bộ cấp huyện",
        "summary": "Hơn 300 cán bộ, công chức của 8 huyện, thành phố được hướng dẫn ký số văn bản trên điện "
                   "thoại thông minh.",
        "paras": [
            "Lớp tập huấn do Sở Thông tin và Truyền thông phối hợp với Cục Chứng thực số và Bảo mật thông tin tổ "
            "chức trong hai ngày 11 - 12/01/2024. Học viên được cấp chứng thư số cá nhân trên SIM hoặc ứng dụng "
            "ký số từ xa.",
            "Với giải pháp mới, lãnh đạo các phòng, ban có thể phê duyệt, ký số văn bản và hồ sơ thủ tục ngay "
            "khi đi công tác, góp phần giảm tình trạng hồ sơ trễ hạn do chờ ký.",
            "Đến hết năm 2023, tỷ lệ văn bản đi được ký số của các cơ quan nhà nước trên địa bàn tỉnh đạt 98,7%.",
        ],
        "images": ["Học viên thực hành ký số trên điện thoại"],
        "views": 651,
    },
    {
        "host": "sotttt.thaibinh.gov.vn", "id": 5120877, "cat": ("Chuyển đổi số",),
        "dt": "2024-09-05 15:10:00",
        "title": "Đưa vào vận hành Nền tảng tổng hợp, phân tích dữ liệu tập trung của tỉnh",
        "summary": "Nền tảng tích hợp dữ liệu từ 14 hệ thống thông tin, phục vụ chỉ đạo, điều hành dựa trên dữ "
                   "liệu của lãnh đạo tỉnh.",
        "paras": [
            "Nền tảng được xây dựng theo Kế hoạch số 96/KH-UBND về phát triển chính quyền số, tổng hợp số liệu "
            "về dân cư, đất đai, doanh nghiệp, y tế, giáo dục và tình hình giải quyết thủ tục hành chính.",
            "Các chỉ tiêu được cập nhật tự động hằng ngày và hiển thị trên bảng điều hành tại Trung tâm Giám sát, "
            "điều hành đô thị thông minh. Lãnh đạo các sở, ngành có thể truy cập theo phân quyền.",
            "Giai đoạn tiếp theo, Sở sẽ kết nối thêm dữ liệu quan trắc môi trường, giao thông và phản ánh hiện "
            "trường của người dân.",
        ],
        "attachments": [("Kế hoạch số 96/KH-UBND ngày 20/5/2024", "docx", True),
                        ("Phụ lục danh mục chỉ tiêu dữ liệu", "xlsx", False)],
        "views": 438,
    },
]

# ============================================================ mt.gov.vn (sharepoint_ministry)
ARTICLES += [
    {
        "host": "mt.gov.vn", "id": 68231, "cat": ("Thông tin CCHC",),
        "dt": "2019-03-12 09:26:00",
        "title": "Bộ Giao thông vận tải cắt giảm, đơn giản hóa 130 điều kiện kinh doanh",
        "summary": "Bộ trưởng ký Quyết định số 410/QĐ-BGTVT phê duyệt phương án cắt giảm, đơn giản hóa điều kiện "
                   "kinh doanh và thủ tục kiểm tra chuyên ngành năm 2019.",
        "paras": [
            "Theo phương án, 130 điều kiện kinh doanh trong các lĩnh vực vận tải đường bộ, đường thủy nội địa, "
            "hàng hải và hàng không được bãi bỏ hoặc đơn giản hóa, chiếm 38% tổng số điều kiện đang áp dụng.",
            "Bộ cũng giảm 27 thủ tục kiểm tra chuyên ngành đối với hàng hóa xuất khẩu, nhập khẩu, chuyển từ "
            "tiền kiểm sang hậu kiểm với các phương tiện, thiết bị có mức độ rủi ro thấp.",
            "Các cục quản lý chuyên ngành được giao dự thảo văn bản sửa đổi trong quý II, bảo đảm phương án được "
            "thực thi trong năm 2019.",
        ],
        "images": ["Làm thủ tục tại Bộ phận một cửa của Bộ"],
        "attachments": [("Quyết định số 410/QĐ-BGTVT ngày 11/3/2019", "pdf", True)],
        "views": 8844,
    },
    {
        "host": "mt.gov.vn", "id": 70455, "cat": ("Chuyển đổi số",),
        "dt": "2020-11-23 14:00:00",
        "title": "Cung cấp 75 dịch vụ công trực tuyến mức độ 4 trên Cổng dịch vụ công của Bộ",
        "summary": "Đến tháng 11/2020, Bộ Giao thông vận tải đã cung cấp 75 dịch vụ công trực tuyến mức độ 4, "
                   "tích hợp 62 dịch vụ lên Cổng dịch vụ công quốc gia.",
        "paras": [
            "Các dịch vụ có số lượng hồ sơ lớn gồm cấp đổi giấy phép lái xe, cấp phù hiệu xe kinh doanh vận tải "
            "và cấp giấy chứng nhận đăng ký phương tiện thủy nội địa. Người dân có thể nộp hồ sơ, thanh toán lệ "
            "phí và nhận kết quả qua bưu điện mà không cần đến cơ quan giải quyết.",
            "Trong 10 tháng năm 2020, các cơ quan của Bộ tiếp nhận hơn 1,2 triệu hồ sơ trực tuyến, tăng gấp ba "
            "lần cùng kỳ năm trước.",
            "Bộ đặt mục tiêu đến năm 2021 đưa 100% thủ tục đủ điều kiện lên mức độ 4 theo Nghị định 61/2018/NĐ-CP "
            "về thực hiện cơ chế một cửa, một cửa liên thông.",
        ],
        "views": 12035,
    },
    {
        "host": "mt.gov.vn", "id": 73810, "cat": ("Thanh tra - Kiểm tra",),
        "dt": "2021-08-06 00:05:00",
        "title": "Thanh tra Bộ kiểm tra việc cấp, đổi giấy phép lái xe tại 5 Sở Giao thông vận tải",
        "summary": "Đoàn thanh tra phát hiện một số hồ sơ đổi giấy phép lái xe quá hạn trả kết quả, chưa được "
                   "cập nhật trên hệ thống.",
        "paras": [
            "Thực hiện Quyết định số 1265/QĐ-TTr của Chánh Thanh tra Bộ, đoàn thanh tra đã làm việc tại Sở Giao "
            "thông vận tải của 5 tỉnh, thành phố từ ngày 05/7 đến 30/7/2021.",
            "Kết quả cho thấy các sở cơ bản thực hiện đúng quy trình; tuy nhiên vẫn còn 312 hồ sơ trả kết quả "
            "chậm từ 1 đến 5 ngày làm việc, một số trường hợp chưa gửi văn bản xin lỗi người dân.",
            "Đoàn kiến nghị kiểm điểm trách nhiệm cá nhân liên quan, đồng thời yêu cầu hoàn thiện việc liên "
            "thông dữ liệu sức khỏe người lái xe với cơ sở dữ liệu của ngành y tế.",
        ],
        "views": 6120,
    },
    {
        "host": "mt.gov.vn", "id": 77302, "cat": ("Thông tin CCHC",),
        "dt": "2022-05-18 12:30:00",
        "title": "Sơ kết công tác CCHC 6 tháng đầu năm 2022 của Bộ Giao thông vận tải",
        "summary": "Năm 2021, Bộ Giao thông vận tải xếp thứ 6/17 bộ, cơ quan ngang bộ về Chỉ số CCHC.",
        "paras": [
            "Tại hội nghị, Vụ Pháp chế báo cáo 6 tháng đầu năm, Bộ đã ban hành 14 thông tư, trong đó có nhiều "
            "nội dung sửa đổi theo hướng giảm giấy tờ, giảm thời gian giải quyết; công bố 36 thủ tục được sửa "
            "đổi, bổ sung và bãi bỏ 9 thủ tục.",
            "Tỷ lệ hồ sơ trực tuyến đạt 71%, tỷ lệ giải quyết đúng hạn đạt 99,2%. Các cơ quan đã cập nhật kết "
            "quả giải quyết lên kho dữ liệu điện tử của tổ chức, cá nhân trên Cổng dịch vụ công quốc gia.",
            "Thứ trưởng chủ trì hội nghị yêu cầu các cục chuyên ngành tập trung tái cấu trúc quy trình, tăng "
            "cường ứng dụng chữ ký số và đẩy nhanh kết nối cơ sở dữ liệu đăng kiểm với cơ sở dữ liệu quốc gia về "
            "dân cư.",
        ],
        "images": ["Thứ trưởng phát biểu chỉ đạo tại hội nghị"],
        "views": 4410,
    },
    {
        "host": "mt.gov.vn", "id": 80967, "cat": ("Chuyển đổi số",),
        "dt": "2023-09-14 16:40:00",
        "title": "Cấp giấy phép lái xe quốc tế trực tuyến trên Cổng dịch vụ công quốc gia",
        "summary": "Từ ngày 15/9/2023, người có giấy phép lái xe do Việt Nam cấp có thể đề nghị cấp giấy phép "
                   "lái xe quốc tế hoàn toàn trực tuyến.",
        "paras": [
            "Người đề nghị đăng nhập Cổng dịch vụ công quốc gia bằng tài khoản định danh điện tử, khai tờ khai, "
            "tải ảnh chân dung và thanh toán lệ phí trực tuyến. Kết quả được gửi qua dịch vụ bưu chính công ích "
            "đến địa chỉ người đề nghị.",
            "Thông tin giấy phép lái xe trong nước được hệ thống tự động đối chiếu với cơ sở dữ liệu của ngành, "
            "người dân không phải nộp bản sao giấy tờ.",
            "Dịch vụ được thí điểm tại Hà Nội và Thành phố Hồ Chí Minh trước khi mở rộng ra toàn quốc.",
        ],
        "attachments": [("Hướng dẫn nộp hồ sơ trực tuyến", "docx", True)],
        "views": 15902,
    },
    {
        "host": "mt.gov.vn", "id": 84120, "cat": ("Tin tức - Sự kiện",),
        "dt": "2024-12-27 10:15:00",
        "title": "Tổng kết năm 2024: ngành giao thông số hóa gần 9 triệu hồ sơ, kết quả giải quyết TTHC",
        "summary": "Năm 2024, toàn ngành đã số hóa 8,9 triệu hồ sơ, kết quả giải quyết thủ tục và tái sử dụng dữ "
                   "liệu cho hơn 2 triệu giao dịch.",
        "paras": [
            "Báo cáo tại hội nghị tổng kết cho biết, dữ liệu giấy phép lái xe, đăng kiểm phương tiện và đăng ký "
            "tàu biển đã được làm sạch, kết nối với Cơ sở dữ liệu quốc gia về dân cư theo Đề án 06.",
            "Nhờ tái sử dụng dữ liệu, thời gian giải quyết thủ tục đổi giấy phép lái xe giảm từ 5 ngày xuống còn "
            "3 ngày làm việc; người dân có thể dùng ứng dụng VNeID thay giấy khám sức khỏe bản giấy.",
            "Năm 2025, Bộ tiếp tục hoàn thiện cơ sở dữ liệu chuyên ngành, mở rộng dịch vụ công trực tuyến toàn "
            "trình và nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
        ],
        "images": ["Toàn cảnh hội nghị tổng kết công tác năm 2024"],
        "views": 3307,
    },
]

# ============================================================ hcc.hoabinh.gov.vn (wordpress)
ARTICLES += [
    {
        "host": "hcc.hoabinh.gov.vn", "id": 1204, "cat": ("Tin hoạt động",),
        "dt": "2019-10-01 07:30:12",
        "title": "Trung tâm Phục vụ hành chính công tỉnh Hòa Bình chính thức đi vào hoạt động",
        "author": "Minh Thu",
        "paras": [
            "Sáng 01/10/2019, UBND tỉnh Hòa Bình tổ chức lễ khai trương Trung tâm Phục vụ hành chính công tỉnh. "
            "Trung tâm được thành lập theo Quyết định số 2105/QĐ-UBND, là đơn vị hành chính đặc thù trực thuộc "
            "Văn phòng UBND tỉnh.",
            "Trung tâm bố trí 36 quầy tiếp nhận, trả kết quả cho 19 sở, ngành và các cơ quan ngành dọc; tiếp "
            "nhận 1.608 thủ tục hành chính. Khu vực chờ có máy lấy số tự động, máy tra cứu hồ sơ, góc hỗ trợ nộp "
            "hồ sơ trực tuyến và điểm thu phí của ngân hàng.",
            "Phát biểu tại buổi lễ, Chủ tịch UBND tỉnh yêu cầu công chức của Trung tâm thực hiện đúng phương "
            "châm \"lấy sự hài lòng của người dân, doanh nghiệp làm thước đo\", không để xảy ra tình trạng nhũng "
            "nhiễu, gây phiền hà.",
        ],
        "images": ["Các đại biểu cắt băng khai trương Trung tâm"],
        "views": 2210,
    },
    {
        "host": "hcc.hoabinh.gov.vn", "id": 1877, "cat": ("Hướng dẫn thủ tục",),
        "dt": "2020-07-09 12:05:47",
        "title": "Hướng dẫn thanh toán phí, lệ phí trực tuyến khi nộp hồ sơ qua mạng",
        "author": "Phòng Tiếp nhận và Trả kết quả",
        "paras": [
            "Từ tháng 7/2020, người dân, doanh nghiệp nộp hồ sơ trên Cổng dịch vụ công tỉnh Hoà Bình có thể "
            "thanh toán phí, lệ phí qua Nền tảng thanh toán trực tuyến PayGov hoặc ứng dụng ngân hàng.",
            "Bước 1: sau khi nộp hồ sơ, chọn Thanh toán trực tuyến tại mục Hồ sơ của tôi. Bước 2: chọn ngân hàng "
            "hoặc ví điện tử, kiểm tra số tiền và mã hồ sơ. Bước 3: xác nhận giao dịch bằng mã OTP; biên lai điện "
            "tử được gửi về thư điện tử đã đăng ký.",
            "Trường hợp đã trừ tiền nhưng hồ sơ vẫn ở trạng thái chưa thanh toán, vui lòng chụp màn hình giao "
            "dịch và liên hệ số điện thoại 0218 3 899 668 để được hỗ trợ.",
        ],
        "attachments": [("Tài liệu hướng dẫn thanh toán trực tuyến", "pdf", True)],
        "views": 1304,
    },
    {
        "host": "hcc.hoabinh.gov.vn", "id": 2315, "cat": ("Tin hoạt động",),
        "dt": "2021-11-18 00:12:09",
        "title": "Hoà Bình: tiếp nhận gần 48.000 hồ sơ thủ tục hành chính trong 10 tháng năm 2021",
        "author": "Minh Thu",
        "paras": [
            "Theo báo cáo của Trung tâm Phục vụ hành chính công tỉnh Hoà Bình, 10 tháng năm 2021 Trung tâm "
            "tiếp nhận 47.862 hồ sơ, trong đó 21.530 hồ sơ nộp trực tuyến; tỷ lệ giải quyết đúng hạn đạt 99,4%.",
            "Lĩnh vực có số hồ sơ lớn nhất là đất đai, tư pháp và đăng ký kinh doanh. Dù chịu ảnh hưởng của dịch "
            "COVID-19, Trung tâm vẫn duy trì tiếp nhận, khuyến khích người dân nộp hồ sơ qua mạng và nhận kết "
            "quả qua bưu điện.",
            "Kết quả khảo sát cho thấy 98% người được hỏi hài lòng với thái độ phục vụ của công chức tại Bộ phận "
            "một cửa.",
        ],
        "images": ["Người dân làm thủ tục tại Trung tâm (ảnh chụp tháng 10/2021)"],
        "views": 987,
        "notes": ["writes 'Hoà Bình' (new-style tone placement) while the site name says 'Hòa Bình'"],
    },
    {
        "host": "hcc.hoabinh.gov.vn", "id": 2790, "cat": ("Chuyển đổi số",),
        "dt": "2022-08-22 15:42:30",
        "title": "Số hóa hồ sơ, kết quả giải quyết thủ tục lĩnh vực thuỷ lợi và tài nguyên nước",
        "author": "Quang Huy",
        "paras": [
            "Thực hiện Nghị định 107/2021/NĐ-CP, Trung tâm phối hợp với Sở Nông nghiệp và Phát triển nông thôn, "
            "Sở Tài nguyên và Môi trường số hóa hồ sơ các thủ tục cấp phép khai thác, sử dụng nước mặt, xả nước "
            "thải vào công trình thủy lợi.",
            "Đến hết tháng 7/2022, đã có 1.245 bộ hồ sơ được quét, ký số và lưu trữ trên Hệ thống thông tin giải "
            "quyết thủ tục hành chính của tỉnh. Kết quả giải quyết được trả vào kho dữ liệu điện tử của tổ chức, "
            "cá nhân và có thể tái sử dụng khi làm thủ tục khác.",
            "Các công trình thuỷ điện nhỏ, hồ chứa và trạm cấp nước sinh hoạt nông thôn là những đối tượng được "
            "ưu tiên số hóa trước do thường xuyên phải gia hạn giấy phép.",
        ],
        "views": 663,
        "notes": ["mixes 'thuỷ' and 'thủy' tone placement within the page"],
    },
    {
        "host": "hcc.hoabinh.gov.vn", "id": 3342, "cat": ("Thông báo",),
        "dt": "2023-12-29 16:55:03",
        "title": "Thông báo lịch làm việc dịp Tết Dương lịch và Tết Nguyên đán Giáp Thìn 2024",
        "author": "Văn phòng Trung tâm",
        "paras": [
            "Trung tâm Phục vụ hành chính công tỉnh thông báo nghỉ Tết Dương lịch từ ngày 30/12/2023 đến hết ngày "
            "01/01/2024 và nghỉ Tết Nguyên đán Giáp Thìn từ ngày 08/02/2024 đến hết ngày 14/02/2024.",
            "Trong thời gian nghỉ, Cổng dịch vụ công vẫn tiếp nhận hồ sơ trực tuyến; thời hạn giải quyết được "
            "tính từ ngày làm việc đầu tiên sau kỳ nghỉ.",
            "Trung tâm bố trí công chức trực để xử lý các trường hợp khẩn cấp như cấp giấy phép vận tải phục vụ "
            "Tết. Số điện thoại trực: 0218 3 899 668.",
        ],
        "views": 540,
    },
    {
        "host": "hcc.hoabinh.gov.vn", "id": 3861, "cat": ("Tin hoạt động",),
        "dt": "2025-03-04 09:18:25",
        "title": "Khảo sát mức độ hài lòng của người dân, doanh nghiệp quý I năm 2025",
        "author": "Quang Huy",
        "paras": [
            "Từ ngày 03/3 đến 31/3/2025, Trung tâm tổ chức khảo sát mức độ hài lòng của người dân, doanh nghiệp "
            "đối với việc giải quyết thủ tục tại Bộ phận một cửa các cấp của tỉnh.",
            "Người dân có thể đánh giá trên máy tính bảng đặt tại quầy, quét mã QR trên giấy hẹn hoặc trả lời "
            "phiếu giấy. Các tiêu chí gồm thời gian chờ, thái độ của công chức, số lần phải đi lại và chi phí "
            "thực tế phải trả.",
            "Kết quả khảo sát là căn cứ để đánh giá, xếp loại công chức và xác định Chỉ số SIPAS của tỉnh, sẽ được "
            "công khai trên trang thông tin điện tử của Trung tâm trước ngày 15/4/2025.",
        ],
        "images": ["Phiếu khảo sát có mã QR tại quầy tiếp nhận"],
        "views": 211,
    },
]

# ============================================================ snv.quangtri.gov.vn (liferay7)
ARTICLES += [
    {
        "host": "snv.quangtri.gov.vn", "id": 2218840, "cat": ("Chỉ số CCHC",),
        "dt": "2020-05-08 15:17:00",
        "title": "Công bố Chỉ số CCHC năm 2019 của các sở, ban, ngành và UBND cấp huyện",
        "summary": "UBND tỉnh ban hành Quyết định số 1187/QĐ-UBND phê duyệt và công bố Chỉ số CCHC năm 2019.",
        "paras": [
            "Khối sở, ban, ngành có điểm trung bình 82,63%; Sở Tư pháp dẫn đầu với 91,02%, tiếp theo là Sở Kế "
            "hoạch và Đầu tư và Sở Thông tin và Truyền thông. Khối huyện có điểm trung bình 79,15%, cao nhất là "
            "thành phố Đông Hà.",
            "Các tiêu chí đạt điểm cao gồm công tác chỉ đạo, điều hành và cải cách thể chế; tiêu chí hiện đại "
            "hóa hành chính và tác động đến người dân còn thấp, đặc biệt là tỷ lệ hồ sơ trực tuyến.",
            "UBND tỉnh yêu cầu người đứng đầu các cơ quan xếp ở nhóm cuối phải có kế hoạch khắc phục, gửi Sở Nội "
            "vụ trước ngày 30/6/2020.",
        ],
        "attachments": [("Quyết định số 1187/QĐ-UBND ngày 07/5/2020", "pdf", True)],
        "views": 3344,
    },
    {
        "host": "snv.quangtri.gov.vn", "id": 2650127, "cat": ("Đào tạo, bồi dưỡng",),
        "dt": "2021-10-12 08:00:00",
        "title": "Khai giảng lớp bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên năm 2021",
        "summary": "Lớp học có 86 học viên là công chức, viên chức của các sở, ngành và UBND cấp huyện.",
        "paras": [
            "Lớp bồi dưỡng được tổ chức theo hình thức kết hợp trực tiếp và trực tuyến trong 6 tuần, theo chương "
            "trình của Bộ Nội vụ ban hành kèm Quyết định số 2165/QĐ-BNV.",
            "Học viên được trang bị kiến thức về nhà nước và pháp luật, quản lý nhà nước đối với ngành, lĩnh "
            "vực; kỹ năng soạn thảo văn bản, giao tiếp hành chính và ứng dụng công nghệ thông tin trong công vụ.",
            "Kết thúc khóa học, học viên viết tiểu luận cuối khóa gắn với thực tiễn công tác tại cơ quan, đơn vị.",
        ],
        "images": ["Quang cảnh lễ khai giảng"],
        "views": 1021,
    },
    {
        "host": "snv.quangtri.gov.vn", "id": 3104455, "cat": ("Chỉ số CCHC",),
        "dt": "2022-06-15 12:10:00",
        "title": "Chỉ số PAR INDEX và SIPAS năm 2021 của tỉnh Quảng Trị tăng hạng",
        "summary": "Chỉ số PAR INDEX năm 2021 của tỉnh đạt 87,1%, tăng 9 bậc; Chỉ số SIPAS đạt 85,6%.",
        "paras": [
            "Theo Quyết định số 520/QĐ-BCĐ của Ban Chỉ đạo CCHC của Chính phủ, tỉnh Quảng Trị xếp thứ 30/63 về "
            "PAR INDEX năm 2021. Các chỉ số thành phần tăng mạnh là cải cách tài chính công và xây dựng, phát "
            "triển chính quyền điện tử.",
            "Chỉ số SIPAS phản ánh mức độ hài lòng của người dân đối với sự phục vụ của cơ quan nhà nước, được "
            "đo qua 22 tiêu chí. Điểm hài lòng về công chức giải quyết công việc đạt cao nhất, điểm về tiếp nhận "
            "góp ý còn thấp.",
            "Sở Nội vụ đề xuất UBND tỉnh giao chỉ tiêu cụ thể cho từng cơ quan, gắn kết quả PAR INDEX với đánh "
            "giá, xếp loại người đứng đầu hằng năm.",
        ],
        "images": ["Biểu đồ Chỉ số PAR INDEX của tỉnh giai đoạn 2017 - 2021"],
        "views": 2789,
    },
    {
        "host": "snv.quangtri.gov.vn", "id": 3570012, "cat": ("Thanh tra",),
        "dt": "2023-11-02 09:45:00",
        "title": "Kiểm tra công vụ đột xuất tại Bộ phận tiếp nhận và trả kết quả cấp huyện",
        "summary": "Tổ kiểm tra công vụ của tỉnh đã kiểm tra đột xuất tại 4 huyện và 8 xã trong tháng 10/2023.",
        "paras": [
            "Tổ kiểm tra tập trung vào việc chấp hành giờ giấc làm việc, đeo thẻ công chức, niêm yết thủ tục và "
            "xử lý hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
            "Qua kiểm tra, phần lớn công chức thực hiện nghiêm quy định; tuy nhiên vẫn có 3 trường hợp vắng mặt "
            "không có lý do, một số hồ sơ đã giải quyết nhưng chưa cập nhật trạng thái, dẫn đến quá hạn trên hệ "
            "thống.",
            "Sở Nội vụ đã có văn bản đề nghị Chủ tịch UBND các huyện chấn chỉnh, xem xét trách nhiệm của cá nhân "
            "vi phạm và báo cáo kết quả xử lý trước ngày 30/11/2023.",
        ],
        "views": 1467,
    },
    {
        "host": "snv.quangtri.gov.vn", "id": 3999731, "cat": ("Tổ chức bộ máy",),
        "dt": "2024-08-19 14:30:00",
        "title": "Sắp xếp đơn vị hành chính cấp xã giai đoạn 2023 - 2025: Quảng Trị giảm 16 xã, phường",
        "summary": "Ủy ban Thường vụ Quốc hội thông qua Nghị quyết sắp xếp các đơn vị hành chính cấp xã của "
                   "tỉnh Quảng Trị, có hiệu lực từ ngày 01/10/2024.",
        "paras": [
            "Sau sắp xếp, tỉnh Quảng Trị có 109 đơn vị hành chính cấp xã, giảm 16 đơn vị. Các xã mới được thành "
            "lập trên cơ sở nhập toàn bộ diện tích tự nhiên và dân số của các xã chưa đạt tiêu chuẩn.",
            "Sở Nội vụ hướng dẫn các huyện bố trí cán bộ, công chức dôi dư, thực hiện chính sách theo Nghị định "
            "29/2023/NĐ-CP về tinh giản biên chế; hoàn thành việc sắp xếp trong thời hạn 5 năm.",
            "Người dân không phải đổi các giấy tờ đã cấp khi chưa hết hạn sử dụng. Các cơ quan có trách nhiệm "
            "cập nhật thông tin địa giới hành chính mới trên cơ sở dữ liệu chuyên ngành.",
        ],
        "attachments": [("Phương án sắp xếp đơn vị hành chính cấp xã", "docx", True)],
        "views": 4978,
    },
]

# ============================================================ dienbien.gov.vn (tandan: SharePoint provincial portal)
ARTICLES += [
    {
        "host": "dienbien.gov.vn", "id": 5012, "cat": ("Thủ tục hành chính",),
        "dt": "2018-04-16 10:12:33",
        "title": "Điện Biên triển khai phần mềm một cửa điện tử đến 100% xã, phường, thị trấn",
        "summary": "Sau 6 tháng thí điểm, phần mềm một cửa điện tử đã được triển khai tại 130 xã, phường, thị "
                   "trấn trên địa bàn tỉnh.",
        "paras": [
            "Phần mềm cho phép tiếp nhận, luân chuyển và theo dõi tiến độ giải quyết hồ sơ giữa các cấp; người "
            "dân nhận được tin nhắn thông báo khi hồ sơ có kết quả.",
            "Để bảo đảm vận hành, Sở Thông tin và Truyền thông đã tổ chức 10 lớp tập huấn cho công chức một cửa "
            "cấp xã, cấp máy tính và máy in cho các xã còn thiếu thiết bị.",
            "Những xã vùng cao chưa có đường truyền ổn định được hỗ trợ thiết bị phát sóng di động để kết nối.",
        ],
        "author": "Thu Hà",
        "tags": ["một cửa điện tử", "cấp xã"],
        "views": 2190,
    },
    {
        "host": "dienbien.gov.vn", "id": 5477, "cat": ("Tin tức - Sự kiện",),
        "dt": "2019-12-03 00:03:19",
        "title": "Hội thi \"Cán bộ một cửa giỏi\" tỉnh Điện Biên năm 2019",
        "style": "entities",
        "summary": "32 thí sinh là công chức tại Bộ phận một cửa các cấp tranh tài qua ba phần thi kiến thức, "
                   "xử lý tình huống và tài năng.",
        "paras": [
            "Hội thi do Sở Nội vụ phối hợp với Văn phòng UBND tỉnh tổ chức nhằm tôn vinh những công chức tận tụy, "
            "đồng thời lan tỏa tinh thần phục vụ người dân, doanh nghiệp.",
            "Ở phần xử lý tình huống, thí sinh phải giải quyết các trường hợp thường gặp như người dân mang thiếu "
            "giấy tờ, hồ sơ trễ hạn hoặc người cao tuổi không biết sử dụng dịch vụ công trực tuyến.",
            "Ban tổ chức trao giải Nhất cho thí sinh Lò Thị Hương, công chức văn phòng - thống kê xã Thanh Xương, "
            "huyện Điện Biên; trao 2 giải Nhì, 3 giải Ba và 5 giải Khuyến khích.",
        ],
        "images": ["Ban tổ chức trao giải cho các thí sinh"],
        "author": "Quỳnh Anh",
        "tags": ["hội thi", "một cửa"],
        "views": 1388,
        "notes": ["body written with CKEditor-style named entities (&agrave;, &ocirc; ...)"],
    },
    {
        "host": "dienbien.gov.vn", "id": 6630, "cat": ("Chỉ đạo điều hành",),
        "dt": "2022-02-25 14:25:00",
        "title": "Công bố danh mục thủ tục hành chính thực hiện tại Bộ phận một cửa các cấp",
        "summary": "UBND tỉnh ban hành Quyết định số 312/QĐ-UBND công bố danh mục 1.875 thủ tục hành chính.",
        "paras": [
            "Theo quyết định, cấp tỉnh tiếp nhận 1.512 thủ tục tại Trung tâm Phục vụ hành chính công; cấp huyện "
            "tiếp nhận 258 thủ tục và cấp xã 105 thủ tục tại Bộ phận tiếp nhận và trả kết quả.",
            "Danh mục cũng xác định 63 thủ tục thực hiện liên thông giữa các cấp và 420 thủ tục tiếp nhận, trả "
            "kết quả qua dịch vụ bưu chính công ích theo Quyết định số 45/2016/QĐ-TTg.",
            "Thủ trưởng các sở, ngành và Chủ tịch UBND cấp huyện có trách nhiệm niêm yết công khai danh mục, cập "
            "nhật quy trình nội bộ trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
        ],
        "attachments": [("Quyết định số 312/QĐ-UBND ngày 24/02/2022", "pdf", True),
                        ("Danh mục thủ tục hành chính kèm theo", "xlsx", False)],
        "author": "Văn phòng UBND tỉnh",
        "tags": ["quyết định", "danh mục thủ tục"],
        "views": 3096,
    },
    {
        "host": "dienbien.gov.vn", "id": 7211, "cat": ("Chuyển đổi số",),
        "dt": "2023-06-20 16:05:41",
        "title": "Đẩy mạnh thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính",
        "summary": "Tỷ lệ hồ sơ thanh toán phí, lệ phí trực tuyến của tỉnh mới đạt 12%, thấp hơn bình quân cả "
                   "nước.",
        "paras": [
            "Để tăng tỷ lệ thanh toán trực tuyến, UBND tỉnh yêu cầu các cơ quan niêm yết mã QR thanh toán tại "
            "quầy, hướng dẫn người dân sử dụng ứng dụng ngân hàng và ví điện tử.",
            "Các ngân hàng thương mại trên địa bàn cam kết miễn phí giao dịch nộp phí, lệ phí thủ tục hành chính "
            "và cử cán bộ hỗ trợ tại Trung tâm Phục vụ hành chính công tỉnh.",
            "Chỉ tiêu đặt ra đến cuối năm 2023 là 30% hồ sơ có phí, lệ phí được thanh toán trực tuyến.",
        ],
        "images": ["Mã QR thanh toán được niêm yết tại quầy giao dịch"],
        "author": "Thu Hà",
        "tags": ["thanh toán trực tuyến"],
        "views": 1120,
    },
    {
        "host": "dienbien.gov.vn", "id": 8054, "cat": ("Tin tức - Sự kiện",),
        "dt": "2025-01-10 08:30:00",
        "title": "Tổng kết Đề án 06 năm 2024: Điện Biên kích hoạt hơn 350.000 tài khoản định danh điện tử",
        "summary": "Năm 2024, tỉnh Điện Biên đã thu nhận hơn 412.000 hồ sơ định danh điện tử mức độ 2, kích hoạt "
                   "352.000 tài khoản.",
        "paras": [
            "Hội nghị tổng kết Đề án 06 do UBND tỉnh tổ chức sáng 10/01/2025. Các tổ công tác ở thôn, bản đã "
            "đến tận nhà dân để thu nhận hồ sơ, đặc biệt ở những xã vùng cao, biên giới.",
            "Nhờ tài khoản định danh điện tử, người dân có thể nộp hồ sơ trực tuyến mà không phải khai lại thông "
            "tin, dùng căn cước công dân gắn chip thay thẻ bảo hiểm y tế khi khám chữa bệnh.",
            "Năm 2025, tỉnh tiếp tục làm sạch dữ liệu hộ tịch, đất đai và đẩy mạnh các dịch vụ công liên thông "
            "đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi.",
        ],
        "author": "Quỳnh Anh",
        "tags": ["Đề án 06", "định danh điện tử"],
        "views": 874,
    },
]

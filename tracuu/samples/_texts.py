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

<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi-VN" dir="ltr">
<!-- Mirrored from mt.gov.vn/vn/tin-tuc/10/84120/tong-ket-nam-2024-nganh-giao-thong-so-hoa-gan-9-trieu-ho-so-ket-qua.aspx by HTTrack Website Copier/3.x [XR&CO'2014], Tue, 20 May 2025 03:02:44 GMT -->
<!-- Added by HTTrack --><meta http-equiv="content-type" content="text/html;charset=utf-8" /><!-- /Added by HTTrack -->
<head>
<meta http-equiv="X-UA-Compatible" content="IE=10" />
<meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<meta http-equiv="Expires" content="0" />
<link rel="canonical" href="https://mt.gov.vn/vn/tin-tuc/10/84120/tong-ket-nam-2024-nganh-giao-thong-so-hoa-gan-9-trieu-ho-so-ket-qua.aspx" />
<title>
	Tổng kết năm 2024: ngành giao thông số hóa gần 9 triệu hồ sơ, kết quả giải quyết TTHC
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css" />
<script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: "\u002fvn", webAbsoluteUrl: "https:\u002f\u002fmt.gov.vn\u002fvn", currentLanguage: 1066, currentUICultureName: "vi-VN", currentCultureName: "vi-VN"};</script>
</head>
<body>
<form method="post" action="./default.aspx" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x3669B6E0EB7E666037A7C64BD2702AB691321A26B1B9F73FD12B81144D3180B2,01 Jun 2025 00:00:00 -0000" /></div>
<div id="s4-workspace" class="ms-core-overlay"><div id="s4-bodyContainer">
<div id="header" class="portal-header"><div class="banner"><a href="/"><img src="/Style%20Library/images/banner.png" alt="CỔNG THÔNG TIN ĐIỆN TỬ BỘ GIAO THÔNG VẬN TẢI" /></a></div>
<div class="top-links"><a href="/en">English</a> | <a href="/vn/lien-he.aspx">Liên hệ</a> | <a href="/vn/so-do-cong.aspx">Sơ đồ cổng</a></div>
<div id="zz1_TopNavigationMenu" class="ms-core-listMenu-horizontalBox noindex"><ul class="root ms-core-listMenu-root static"><li class="static"><a class="static menu-item" href="/"><span class="menu-item-text">Trang chủ</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/10/tin-tuc-su-kien.aspx"><span class="menu-item-text">Tin tức - Sự kiện</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/42/thong-tin-cchc.aspx"><span class="menu-item-text">Thông tin CCHC</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/57/chuyen-doi-so.aspx"><span class="menu-item-text">Chuyển đổi số</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/61/thanh-tra-kiem-tra.aspx"><span class="menu-item-text">Thanh tra - Kiểm tra</span></a></li></ul></div></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> <span class="sep">›</span> <a href="/vn/chuyen-muc/10/tin-tuc-su-kien.aspx">Tin tức - Sự kiện</a></div>
<div id="contentRow"><div id="sideNavBox" class="ms-dialogHidden"><div class="box-left"><div class="box-title">CHUYÊN MỤC</div><ul class="left-menu"><li><a href="/vn/chuyen-muc/10/tin-tuc-su-kien.aspx">Tin tức - Sự kiện</a></li><li><a href="/vn/chuyen-muc/42/thong-tin-cchc.aspx">Thông tin CCHC</a></li><li><a href="/vn/chuyen-muc/57/chuyen-doi-so.aspx">Chuyển đổi số</a></li><li><a href="/vn/chuyen-muc/61/thanh-tra-kiem-tra.aspx">Thanh tra - Kiểm tra</a></li></ul></div></div>
<div id="contentBox">
<!-- PlaceHolderMain -->
<div id="ctl00_SPWebPartManager1_g_2a170b61_2004_2336_558f_19087a198c32_ctl00_pnChiTiet" class="Around_News">
<div id="divArticleDescription3" class="Around_News_Title"><h1 class="News_Detail_Title">Tổng kết năm 2024: ngành giao thông số hóa gần 9 triệu hồ sơ, kết quả giải quyết TTHC</h1></div>
<div class="News_Time"><span class="News_Time_Post">Ngày đăng: 27/12/2024 10:15 | Lượt xem: 3307</span></div>
<div id="divArticleDescription1" class="Around_News_Sapo"><strong>Năm 2024, toàn ngành đã số hóa 8,9 triệu hồ sơ, kết quả giải quyết thủ tục và tái sử dụng dữ liệu cho hơn 2 triệu giao dịch.</strong></div>
<div id="divArticleDescription2" class="Around_News_Content">
<table class="image" align="center" width="500"><tr><td><img src="/PublishingImages/2024/12/anh-84120.png" width="500" alt="" /></td></tr><tr><td class="image_desc">Toàn cảnh hội nghị tổng kết công tác năm 2024</td></tr></table>
<div class="ExternalClassFAD862531D3BE722CB9B6DF27CB71E51">
<p class="MsoNormal" style="text-align: justify;">Báo cáo tại hội nghị tổng kết cho biết, dữ liệu giấy phép lái xe, đăng kiểm phương tiện và đăng ký tàu biển đã được làm sạch, kết nối với Cơ sở dữ liệu quốc gia về dân cư theo Đề án 06.</p>
<p class="MsoNormal" style="text-align: justify;">Nhờ tái sử dụng dữ liệu, thời gian giải quyết thủ tục đổi giấy phép lái xe giảm từ 5 ngày xuống còn 3 ngày làm việc; người dân có thể dùng ứng dụng VNeID thay giấy khám sức khỏe bản giấy.</p>
<p class="MsoNormal" style="text-align: justify;">Năm 2025, Bộ tiếp tục hoàn thiện cơ sở dữ liệu chuyên ngành, mở rộng dịch vụ công trực tuyến toàn trình và nâng cao chất lượng phục vụ người dân, doanh nghiệp.</p>
</div>
</div>
<div id="ctl00_SPWebPartManager1_g_2a170b61_2004_2336_558f_19087a198c32_ctl00_pnNguontin" class="News_Source">Nguồn: Bộ Giao thông vận tải</div>
<div id="ctl00_SPWebPartManager1_g_2a170b61_2004_2336_558f_19087a198c32_ctl00_pnHide" style="display:none">84120</div>
<div class="social-share"><span class="share-label">Chia sẻ:</span> <a class="btn-facebook" target="_blank" rel="nofollow" href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fmt.gov.vn%2Fvn%2Ftin-tuc%2F10%2F84120%2Ftong-ket-nam-2024-nganh-giao-thong-so-hoa-gan-9-trieu-ho-so-ket-qua.aspx">Facebook</a> <div class="zalo-share-button" data-href="https://mt.gov.vn/vn/tin-tuc/10/84120/tong-ket-nam-2024-nganh-giao-thong-so-hoa-gan-9-trieu-ho-so-ket-qua.aspx" data-oaid="4410" data-layout="2" data-color="blue" data-customize="false"></div> <a class="btn-print" href="javascript:window.print();">In bài</a></div>
</div>
<div id="ctl00_m_g_21b44f62_5ffa_9078_fabe_9c9aca55ad99_ctl00_pnTinLienQuan" class="Around_News_Other">
<div class="Title_Other">Tin liên quan</div>
<ul>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/57/80967/cap-giay-phep-lai-xe-quoc-te-truc-tuyen-tren-cong-dich-vu-cong-quoc.aspx">Cấp giấy phép lái xe quốc tế trực tuyến trên Cổng dịch vụ công quốc gia</a> <span class="Date_Other">(14/09/2023)</span></li>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/42/77302/so-ket-cong-tac-cchc-6-thang-dau-nam-2022-cua-bo-giao-thong-van-tai.aspx">Sơ kết công tác CCHC 6 tháng đầu năm 2022 của Bộ Giao thông vận tải</a> <span class="Date_Other">(18/05/2022)</span></li>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/61/73810/thanh-tra-bo-kiem-tra-viec-cap-doi-giay-phep-lai-xe-tai-5-so-giao.aspx">Thanh tra Bộ kiểm tra việc cấp, đổi giấy phép lái xe tại 5 Sở Giao thông vận tải</a> <span class="Date_Other">(06/08/2021)</span></li>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/57/70455/cung-cap-75-dich-vu-cong-truc-tuyen-muc-do-4-tren-cong-dich-vu-cong.aspx">Cung cấp 75 dịch vụ công trực tuyến mức độ 4 trên Cổng dịch vụ công của Bộ</a> <span class="Date_Other">(23/11/2020)</span></li>
</ul></div>
</div>
<div id="rightBox"><div class="box-right"><div class="box-title">Tin mới nhất</div><ul>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/10/84120/tong-ket-nam-2024-nganh-giao-thong-so-hoa-gan-9-trieu-ho-so-ket-qua.aspx">Tổng kết năm 2024: ngành giao thông số hóa gần 9 triệu hồ sơ, kết quả giải quyết TTHC</a> <span class="Date_Other">(27/12/2024)</span></li>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/57/80967/cap-giay-phep-lai-xe-quoc-te-truc-tuyen-tren-cong-dich-vu-cong-quoc.aspx">Cấp giấy phép lái xe quốc tế trực tuyến trên Cổng dịch vụ công quốc gia</a> <span class="Date_Other">(14/09/2023)</span></li>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/42/77302/so-ket-cong-tac-cchc-6-thang-dau-nam-2022-cua-bo-giao-thong-van-tai.aspx">Sơ kết công tác CCHC 6 tháng đầu năm 2022 của Bộ Giao thông vận tải</a> <span class="Date_Other">(18/05/2022)</span></li>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/61/73810/thanh-tra-bo-kiem-tra-viec-cap-doi-giay-phep-lai-xe-tai-5-so-giao.aspx">Thanh tra Bộ kiểm tra việc cấp, đổi giấy phép lái xe tại 5 Sở Giao thông vận tải</a> <span class="Date_Other">(06/08/2021)</span></li>
<li class="H3_iTem_ListNews"><a href="/vn/tin-tuc/57/70455/cung-cap-75-dich-vu-cong-truc-tuyen-muc-do-4-tren-cong-dich-vu-cong.aspx">Cung cấp 75 dịch vụ công trực tuyến mức độ 4 trên Cổng dịch vụ công của Bộ</a> <span class="Date_Other">(23/11/2020)</span></li>
</ul></div><div class="box-right">Số lượt truy cập: 20417385</div></div></div>
<div class="footer"><p><strong>CỔNG THÔNG TIN ĐIỆN TỬ BỘ GIAO THÔNG VẬN TẢI</strong></p><p>Chịu trách nhiệm chính: Ông Trần Minh Quang - Chánh Văn phòng Bộ</p><p>Địa chỉ: Số 80 Trần Hưng Đạo, quận Hoàn Kiếm, thành phố Hà Nội</p><p>Điện thoại: 024 3942 7021 - Email: banbientap@mt.gov.vn</p><p>Giấy phép số 112/GP-TTĐT do Cục Phát thanh, truyền hình và thông tin điện tử cấp. Ghi rõ nguồn "Cổng thông tin điện tử Bộ Giao thông vận tải" khi phát hành lại thông tin từ website này.</p></div>
</div></div>
</form>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-A059B15D"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-A059B15D');</script>
</body>
</html>

<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html dir="ltr" lang="vi-VN">
<!-- Mirrored from dienbien.gov.vn/portal/Pages/2022-2-25/Cong-Bo-Danh-Muc-Thu-Tuc-Hanh-Chinh-Thuc-Hien-Tai-Bo-Phanb71812.aspx by HTTrack Website Copier/3.x [XR&CO'2014], Sun, 15 Jun 2025 04:05:06 GMT -->
<!-- Added by HTTrack --><meta http-equiv="content-type" content="text/html;charset=utf-8" /><!-- /Added by HTTrack -->
<head>
<meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<link rel="canonical" href="https://dienbien.gov.vn/portal/Pages/2022-2-25/Cong-Bo-Danh-Muc-Thu-Tuc-Hanh-Chinh-Thuc-Hien-Tai-Bo-Phanb71812.aspx" />
<title>
	Công bố danh mục thủ tục hành chính thực hiện tại Bộ phận một cửa các cấp - CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐIỆN BIÊN
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/TanDan/css/portal.css" />
</head>
<body>
<form method="post" action="/portal/Pages/2022-2-25/Cong-Bo-Danh-Muc-Thu-Tuc-Hanh-Chinh-Thuc-Hien-Tai-Bo-Phanb71812.aspx" id="aspnetForm">
<div id="s4-workspace"><div class="tandan-header"><a href="/"><img src="/_layouts/15/TanDan/images/banner.png" alt="CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐIỆN BIÊN" /></a></div>
<div class="tandan-menu-top"><ul class="TD-ul-menu-top"><li><a href="/">Trang chủ</a></li><li><a href="/portal/Pages/tin-tuc-su-kien.aspx">Tin tức - Sự kiện</a></li><li><a href="/portal/Pages/chi-dao-dieu-hanh.aspx">Chỉ đạo điều hành</a></li><li><a href="/portal/Pages/thu-tuc-hanh-chinh.aspx">Thủ tục hành chính</a></li><li><a href="/portal/Pages/chuyen-doi-so.aspx">Chuyển đổi số</a></li></ul></div>
<div class="tandan-breadcrumb"><a href="/">Trang chủ</a> / <a href="/portal/Pages/chi-dao-dieu-hanh.aspx">Chỉ đạo điều hành</a></div>
<div class="tandan-container"><div class="tandan-left"><div class="TD-module-title">DANH MỤC</div><ul class="TD-ul-module-menu-left"><li><a href="/portal/Pages/tin-tuc-su-kien.aspx">Tin tức - Sự kiện</a></li><li><a href="/portal/Pages/chi-dao-dieu-hanh.aspx">Chỉ đạo điều hành</a></li><li><a href="/portal/Pages/thu-tuc-hanh-chinh.aspx">Thủ tục hành chính</a></li><li><a href="/portal/Pages/chuyen-doi-so.aspx">Chuyển đổi số</a></li></ul></div>
<div class="tandan-center">
<div id="ctl00_PlaceHolderMain_g_f5fdf2f3_68f5_3c84_230e_04abfcc89390" class="tandan-div-article">
<p class="tandan-p-article-news-title">Công bố danh mục thủ tục hành chính thực hiện tại Bộ phận một cửa các cấp</p>
<span class="tandan-span-date-publish">Đăng ngày 25/02/2022 2:25:00 CH</span>
<p class="tandan-p-article-news-summary">UBND tỉnh ban hành Quyết định số 312/QĐ-UBND công bố danh mục 1.875 thủ tục hành chính.</p>
<div class="tandan-p-article-main ms-rtestate-field"><div class="ExternalClass1EB6F819F6F536757A57D985AAFCCAFC">

<p class="MsoNormal" style="text-align:justify">Theo quyết định, cấp tỉnh tiếp nhận 1.512 thủ tục tại Trung tâm Phục vụ hành chính công; cấp huyện tiếp nhận 258 thủ tục và cấp xã 105 thủ tục tại Bộ phận tiếp nhận và trả kết quả.</p>
<p class="MsoNormal" style="text-align:justify">Danh mục cũng xác định 63 thủ tục thực hiện liên thông giữa các cấp và 420 thủ tục tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích theo Quyết định số 45/2016/QĐ-TTg.</p>
<p class="MsoNormal" style="text-align:justify">Thủ trưởng các sở, ngành và Chủ tịch UBND cấp huyện có trách nhiệm niêm yết công khai danh mục, cập nhật quy trình nội bộ trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.</p>
<div class="tandan-div-file-attach"><p><b>Tệp tin đính kèm:</b></p><p><a href="/portal/VanBan/2022/quyet_dinh_so_312_qd_ubnd_ngay_24_02_2022.pdf">Quyết định số 312/QĐ-UBND ngày 24/02/2022</a></p><p><a href="/portal/VanBan/2022/danh_muc_thu_tuc_hanh_chinh_kem_theo.xlsx">Danh mục thủ tục hành chính kèm theo</a></p></div>
</div></div>
<p class="tandan-p-article-author" style="text-align:right"><b>Văn phòng UBND tỉnh</b></p>
<div class="td-tags">Từ khóa: <a href="/portal/Pages/tag.aspx?tag=quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh">quyết định</a> <a href="/portal/Pages/tag.aspx?tag=danh%20m%E1%BB%A5c%20th%E1%BB%A7%20t%E1%BB%A5c">danh mục thủ tục</a> </div>
<div class="tandan-div-view-count">Số lượt xem: 3096</div>
<div class="social-share"><span class="share-label">Chia sẻ:</span> <a class="btn-facebook" target="_blank" rel="nofollow" href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fdienbien.gov.vn%2Fportal%2FPages%2F2022-2-25%2FCong-Bo-Danh-Muc-Thu-Tuc-Hanh-Chinh-Thuc-Hien-Tai-Bo-Phanb71812.aspx">Facebook</a> <div class="zalo-share-button" data-href="https://dienbien.gov.vn/portal/Pages/2022-2-25/Cong-Bo-Danh-Muc-Thu-Tuc-Hanh-Chinh-Thuc-Hien-Tai-Bo-Phanb71812.aspx" data-oaid="2551" data-layout="2" data-color="blue" data-customize="false"></div> <a class="btn-print" href="javascript:window.print();">In bài</a></div>
</div>
<div class="tandan-div-article-other"><p class="tandan-p-article-other">Các tin khác</p><ul>
<li><a class="tandan-a-article-other" href="/portal/Pages/2025-1-10/Tong-Ket-De-An-06-Nam-2024-Dien-Bien-Kich-Hoat-Hon-350-000a2bd72.aspx">Tổng kết Đề án 06 năm 2024: Điện Biên kích hoạt hơn 350.000 tài khoản định danh điện tử</a> <span class="tandan-span-date-other">(10/01/2025)</span></li>
<li><a class="tandan-a-article-other" href="/portal/Pages/2023-6-20/Day-Manh-Thanh-Toan-Khong-Dung-Tien-Mat-Trong-Giai-Quyet-Thubfc979.aspx">Đẩy mạnh thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính</a> <span class="tandan-span-date-other">(20/06/2023)</span></li>
<li><a class="tandan-a-article-other" href="/portal/Pages/2019-12-3/Hoi-Thi-Can-Bo-Mot-Cua-Gioi-Tinh-Dien-Bien-Nam-2019c4afc5.aspx">Hội thi "Cán bộ một cửa giỏi" tỉnh Điện Biên năm 2019</a> <span class="tandan-span-date-other">(03/12/2019)</span></li>
<li><a class="tandan-a-article-other" href="/portal/Pages/2018-4-16/Dien-Bien-Trien-Khai-Phan-Mem-Mot-Cua-Dien-Tu-Den-100-Xa1ec9a7.aspx">Điện Biên triển khai phần mềm một cửa điện tử đến 100% xã, phường, thị trấn</a> <span class="tandan-span-date-other">(16/04/2018)</span></li>
</ul></div>
</div>
<div class="tandan-right"><div class="TD-module-title">TIN MỚI</div><ul class="tandan-ul-latest">
<li><a class="tandan-a-article-other" href="/portal/Pages/2025-1-10/Tong-Ket-De-An-06-Nam-2024-Dien-Bien-Kich-Hoat-Hon-350-000a2bd72.aspx">Tổng kết Đề án 06 năm 2024: Điện Biên kích hoạt hơn 350.000 tài khoản định danh điện tử</a> <span class="tandan-span-date-other">(10/01/2025)</span></li>
<li><a class="tandan-a-article-other" href="/portal/Pages/2023-6-20/Day-Manh-Thanh-Toan-Khong-Dung-Tien-Mat-Trong-Giai-Quyet-Thubfc979.aspx">Đẩy mạnh thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính</a> <span class="tandan-span-date-other">(20/06/2023)</span></li>
<li><a class="tandan-a-article-other" href="/portal/Pages/2022-2-25/Cong-Bo-Danh-Muc-Thu-Tuc-Hanh-Chinh-Thuc-Hien-Tai-Bo-Phanb71812.aspx">Công bố danh mục thủ tục hành chính thực hiện tại Bộ phận một cửa các cấp</a> <span class="tandan-span-date-other">(25/02/2022)</span></li>
<li><a class="tandan-a-article-other" href="/portal/Pages/2019-12-3/Hoi-Thi-Can-Bo-Mot-Cua-Gioi-Tinh-Dien-Bien-Nam-2019c4afc5.aspx">Hội thi "Cán bộ một cửa giỏi" tỉnh Điện Biên năm 2019</a> <span class="tandan-span-date-other">(03/12/2019)</span></li>
<li><a class="tandan-a-article-other" href="/portal/Pages/2018-4-16/Dien-Bien-Trien-Khai-Phan-Mem-Mot-Cua-Dien-Tu-Den-100-Xa1ec9a7.aspx">Điện Biên triển khai phần mềm một cửa điện tử đến 100% xã, phường, thị trấn</a> <span class="tandan-span-date-other">(16/04/2018)</span></li>
</ul><div class="TD-thong-ke">Tổng số lượt truy cập: 9273310</div></div></div>
<div class="tandan-footer"><p><b>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐIỆN BIÊN</b></p><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Điện Biên</p><p>Chịu trách nhiệm chính: Ông Lò Văn Thắng - Giám đốc Sở Thông tin và Truyền thông</p><p>Địa chỉ: Số 869, đường 7/5, phường Mường Thanh, thành phố Điện Biên Phủ - Điện thoại: 0215 3 825 123 - Email: congttdt@dienbien.gov.vn</p><p>Giấy phép số 08/GP-TTĐT ngày 12/3/2019 của Sở Thông tin và Truyền thông tỉnh Điện Biên</p></div>
</div>
</form>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-4DB48840"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-4DB48840');</script>
</body>
</html>

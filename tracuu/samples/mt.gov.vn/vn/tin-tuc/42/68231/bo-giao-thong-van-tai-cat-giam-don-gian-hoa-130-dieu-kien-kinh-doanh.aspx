<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi-VN" dir="ltr">
<!-- Mirrored from mt.gov.vn/vn/tin-tuc/42/68231/bo-giao-thong-van-tai-cat-giam-don-gian-hoa-130-dieu-kien-kinh-doanh.aspx by HTTrack Website Copier/3.x [XR&CO'2014], Tue, 20 May 2025 03:02:44 GMT -->
<!-- Added by HTTrack --><meta http-equiv="content-type" content="text/html;charset=utf-8" /><!-- /Added by HTTrack -->
<head>
<meta http-equiv="X-UA-Compatible" content="IE=10" />
<meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<meta http-equiv="Expires" content="0" />
<link rel="canonical" href="https://mt.gov.vn/vn/tin-tuc/42/68231/bo-giao-thong-van-tai-cat-giam-don-gian-hoa-130-dieu-kien-kinh-doanh.aspx" />
<title>
	Bộ Giao thông vận tải cắt giảm, đơn giản hóa 130 điều kiện kinh doanh
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css" />
<script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: "\u002fvn", webAbsoluteUrl: "https:\u002f\u002fmt.gov.vn\u002fvn", currentLanguage: 1066, currentUICultureName: "vi-VN", currentCultureName: "vi-VN"};</script>
</head>
<body>
<form method="post" action="./default.aspx" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x969341B770949C488327EEEFB816D92D015E69C8054345FFCBD11E5F84A915C6,01 Jun 2025 00:00:00 -0000" /></div>
<div id="s4-workspace" class="ms-core-overlay"><div id="s4-bodyContainer">
<div id="header" class="portal-header"><div class="banner"><a href="/"><img src="/Style%20Library/images/banner.png" alt="CỔNG THÔNG TIN ĐIỆN TỬ BỘ GIAO THÔNG VẬN TẢI" /></a></div>
<div class="top-links"><a href="/en">English</a> | <a href="/vn/lien-he.aspx">Liên hệ</a> | <a href="/vn/so-do-cong.aspx">Sơ đồ cổng</a></div>
<div id="zz1_TopNavigationMenu" class="ms-core-listMenu-horizontalBox noindex"><ul class="root ms-core-listMenu-root static"><li class="static"><a class="static menu-item" href="/"><span class="menu-item-text">Trang chủ</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/10/tin-tuc-su-kien.aspx"><span class="menu-item-text">Tin tức - Sự kiện</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/42/thong-tin-cchc.aspx"><span class="menu-item-text">Thông tin CCHC</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/57/chuyen-doi-so.aspx"><span class="menu-item-text">Chuyển đổi số</span></a></li><li class="static"><a class="static menu-item ms-core-listMenu-item" href="/vn/chuyen-muc/61/thanh-tra-kiem-tra.aspx"><span class="menu-item-text">Thanh tra - Kiểm tra</span></a></li></ul></div></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> <span class="sep">›</span> <a href="/vn/chuyen-muc/42/thong-tin-cchc.aspx">Thông tin CCHC</a></div>
<div id="contentRow"><div id="sideNavBox" class="ms-dialogHidden"><div class="box-left"><div class="box-title">CHUYÊN MỤC</div><ul class="left-menu"><li><a href="/vn/chuyen-muc/10/tin-tuc-su-kien.aspx">Tin tức - Sự kiện</a></li><li><a href="/vn/chuyen-muc/42/thong-tin-cchc.aspx">Thông tin CCHC</a></li><li><a href="/vn/chuyen-muc/57/chuyen-doi-so.aspx">Chuyển đổi số</a></li><li><a href="/vn/chuyen-muc/61/thanh-tra-kiem-tra.aspx">Thanh tra - Kiểm tra</a></li></ul></div></div>
<div id="contentBox">
<!-- PlaceHolderMain -->
<div id="ctl00_SPWebPartManager1_g_2a170b61_2004_2336_558f_19087a198c32_ctl00_pnChiTiet" class="Around_News">
<div id="divArticleDescription3" class="Around_News_Title"><h1 class="News_Detail_Title">Bộ Giao thông vận tải cắt giảm, đơn giản hóa 130 điều kiện kinh doanh</h1></div>
<div class="News_Time"><span class="News_Time_Post">Ngày đăng: 12/03/2019 09:26 | Lượt xem: 8844</span></div>
<div id="divArticleDescription1" class="Around_News_Sapo"><strong>Bộ trưởng ký Quyết định số 410/QĐ-BGTVT phê duyệt phương án cắt giảm, đơn giản hóa điều kiện kinh doanh và thủ tục kiểm tra chuyên ngành năm 2019.</strong></div>
<div id="divArticleDescription2" class="Around_News_Content">
<table class="image" align="center" width="500"><tr><td><img src="/PublishingImages/2019/03/anh-68231.png" width="500" alt="" /></td></tr><tr><td class="image_desc">Làm thủ tục tại Bộ phận một cửa của Bộ</td></tr></table>
<div class="ExternalClassB2FD45A48BB309ED3880CBCFAC9D3A78">
<p class="MsoNormal" style="text-align: justify;">Theo phương án, 130 điều kiện kinh doanh trong các lĩnh vực vận tải đường bộ, đường thủy nội địa, hàng hải và hàng không được bãi bỏ hoặc đơn giản hóa, chiếm 38% tổng số điều kiện đang áp dụng.</p>
<p class="MsoNormal" style="text-align: justify;">Bộ cũng giảm 27 thủ tục kiểm tra chuyên ngành đối với hàng hóa xuất khẩu, nhập khẩu, chuyển từ tiền kiểm sang hậu kiểm với các phương tiện, thiết bị có mức độ rủi ro thấp.</p>
<p class="MsoNormal" style="text-align: justify;">Các cục quản lý chuyên ngành được giao dự thảo văn bản sửa đổi trong quý II, bảo đảm phương án được thực thi trong năm 2019.</p>
</div>
</div>
<div id="ctl00_SPWebPartManager1_g_2a170b61_2004_2336_558f_19087a198c32_ctl00_pnNguontin" class="News_Source">Nguồn: Bộ Giao thông vận tải</div>
<div class="News_Attach"><span>Tài liệu đính kèm:</span><br /><a href="/Lists/VanBan/Attachments/68231/quyet_dinh_so_410_qd_bgtvt_ngay_11_3_2019.pdf" class="News_Attach_Link">Quyết định số 410/QĐ-BGTVT ngày 11/3/2019</a><br /></div>
<div id="ctl00_SPWebPartManager1_g_2a170b61_2004_2336_558f_19087a198c32_ctl00_pnHide" style="display:none">68231</div>
<div class="social-share"><span class="share-label">Chia sẻ:</span> <a class="btn-facebook" target="_blank" rel="nofollow" href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fmt.gov.vn%2Fvn%2Ftin-tuc%2F42%2F68231%2Fbo-giao-thong-van-tai-cat-giam-don-gian-hoa-130-dieu-kien-kinh-doanh.aspx">Facebook</a> <div class="zalo-share-button" data-href="https://mt.gov.vn/vn/tin-tuc/42/68231/bo-giao-thong-van-tai-cat-giam-don-gian-hoa-130-dieu-kien-kinh-doanh.aspx" data-oaid="4410" data-layout="2" data-color="blue" data-customize="false"></div> <a class="btn-print" href="javascript:window.print();">In bài</a></div>
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

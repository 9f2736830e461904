<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<!-- Mirrored from cchc.laichau.gov.vn/tin-tuc-su-kien.aspx by HTTrack Website Copier/3.x [XR&CO'2014], Thu, 21 Oct 2021 02:13:05 GMT -->
<!-- Added by HTTrack --><meta http-equiv="content-type" content="text/html;charset=utf-8" /><!-- /Added by HTTrack -->
<head id="ctl00_Head1"><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>
	CCHC Lai Châu - Tin tức - Sự kiện
</title><link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" />
<meta name="keywords" content="CCHC, Lai Châu, thủ tục hành chính, một cửa, dịch vụ công" /><meta property="og:url" content="https://cchc.laichau.gov.vn/tin-tuc-su-kien.aspx" /><meta property="og:title" content="Tin tức - Sự kiện" /></head>
<body topmargin="0" leftmargin="0">
<form name="aspnetForm" method="post" action="/tin-tuc-su-kien.aspx" id="aspnetForm">
<div><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK754072c92d0fa39a33697e7c01b9956024aba4638528b56622b7f792307d229b" /></div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['aspnetForm'];
function __doPostBack(eventTarget, eventArgument) { theForm.__EVENTTARGET.value = eventTarget; theForm.submit(); }
//]]>
</script>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main">
<tr><td colspan="3"><img src="/images/banner.png" width="1000" height="150" alt="TRANG THÔNG TIN ĐIỆN TỬ CẢI CÁCH HÀNH CHÍNH TỈNH LAI CHÂU" /></td></tr>
<tr><td colspan="3" class="menutop" height="32"><a href="/" class="menu">TRANG CHỦ</a> | <a href="/tin-tuc-su-kien.aspx" class="menu">TIN TỨC - SỰ KIỆN</a> | <a href="/ket-qua-cchc.aspx" class="menu">KẾT QUẢ CCHC</a> | <a href="/van-ban-chi-dao-dieu-hanh.aspx" class="menu">VĂN BẢN CHỈ ĐẠO ĐIỀU HÀNH</a> | <a href="/chuyen-doi-so.aspx" class="menu">CHUYỂN ĐỔI SỐ</a> | <a href="/hoi-dap-tthc.aspx" class="menu">HỎI ĐÁP TTHC</a></td></tr>
<tr><td colspan="3" class="marquee"><marquee scrollamount="3">Chào mừng bạn đến với Trang thông tin điện tử CCHC tỉnh Lai Châu</marquee></td></tr>
<tr><td width="210" valign="top" class="leftcol"><table width="100%" cellpadding="0" cellspacing="0">
<tr><td class="boxtitle">DANH MỤC TIN</td></tr><tr><td class="boxcontent"><a href="/tin-tuc-su-kien.aspx">» Tin tức - Sự kiện</a><br /><a href="/ket-qua-cchc/bao-cao-cchc-dinh-ky.aspx">» Báo cáo CCHC định kỳ</a><br /><a href="/ket-qua-cchc/chi-so-cchc.aspx">» Chỉ số CCHC</a><br /><a href="/van-ban-chi-dao-dieu-hanh.aspx">» Văn bản chỉ đạo điều hành</a><br /><a href="/chuyen-doi-so.aspx">» Chuyển đổi số</a><br /><a href="/hoi-dap-tthc.aspx">» Hỏi đáp TTHC</a></td></tr>
<tr><td class="boxtitle">HỖ TRỢ TRỰC TUYẾN</td></tr><tr><td class="boxcontent">Đường dây nóng: 02133 876 650</td></tr></table></td>
<td width="560" valign="top" class="centercol"><!-- ContentPlaceHolder1 -->
<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="navpath"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc-su-kien.aspx">Tin tức - Sự kiện</a></td></tr>
<tr><td>
<h1 class="category-title">Tin tức - Sự kiện</h1>
<table width="100%" class="newsitem"><tr><td class="img" valign="top"><img src="/Upload/Images/2021/09/anh-1388.png" width="120" alt="" /></td><td><a class="title" href="/tin-tuc-su-kien/hoi-nghi-truc-tuyen-trien-khai-xay-dung-de-an-phan-cap-trong-giai-1388.aspx">Hội nghị trực tuyến triển khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính</a><span class="ngaydang">(30/09/2021 3:18:54 CH)</span><div class="tomtat">Chiều 30/9/2021, Văn phòng Chính phủ tổ chức hội nghị trực tuyến với các bộ, ngành, địa phương triển khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính. Tại điểm cầu Lai Châu có lãnh...</div></td></tr></table>
<table width="100%" class="newsitem"><tr><td class="img" valign="top"></td><td><a class="title" href="/tin-tuc-su-kien/doan-kiem-tra-cong-tac-cchc-cua-tinh-lam-viec-tai-huyen-phong-tho-1266.aspx">Đoàn kiểm tra công tác CCHC của tỉnh làm việc tại huyện Phong Thổ</a><span class="ngaydang">(19/08/2020 9:30:21 SA)</span><div class="tomtat">Ngày 18/8/2020, Đoàn kiểm tra công tác CCHC của tỉnh do đồng chí Phó Giám đốc Sở Nội vụ làm trưởng đoàn đã kiểm tra tại UBND huyện Phong Thổ và 3 xã Mường So, Khổng Lào, Sin Suối Hồ.</div></td></tr></table>
<table width="100%" class="newsitem"><tr><td class="img" valign="top"><img src="/Upload/Images/2020/05/anh-1240.png" width="120" alt="" /></td><td><a class="title" href="/tin-tuc-su-kien/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-cong-chuc-cap-xa-1240.aspx">Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức cấp xã năm 2020</a><span class="ngaydang">(14/05/2020 12:40:02 SA)</span><div class="tomtat">Trong hai ngày 12 và 13/5/2020, Văn phòng UBND tỉnh tổ chức lớp tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho 212 công chức văn phòng - thống kê, tư pháp - hộ tịch của các xã, phường, thị trấn...</div></td></tr></table>
<table width="100%" class="newsitem"><tr><td class="img" valign="top"><img src="/Upload/Images/2019/07/anh-1187.png" width="120" alt="" /></td><td><a class="title" href="/tin-tuc-su-kien/trung-tam-phuc-vu-hanh-chinh-cong-tinh-di-vao-hoat-dong-tu-ngay-01-8-1187.aspx">Trung tâm Phục vụ hành chính công tỉnh đi vào hoạt động từ ngày 01/8/2019</a><span class="ngaydang">(31/07/2019 12:15:33 CH)</span><div class="tomtat">Theo Quyết định số 842/QĐ-UBND của UBND tỉnh, Trung tâm Phục vụ hành chính công tỉnh Lai Châu chính thức tiếp nhận hồ sơ từ ngày 01/8/2019 tại tầng 1, nhà D, khu Hành chính - Chính trị tỉnh.</div></td></tr></table>
<div class="paging"><span class="current">1</span> <a href="/tin-tuc-su-kien/trang-2.aspx">2</a> <a class="next" href="/tin-tuc-su-kien/trang-2.aspx">Trang sau</a></div>
</td></tr></table></td>
<td width="230" valign="top" class="rightcol"><table width="100%" cellpadding="0" cellspacing="0">
<tr><td class="boxtitle">Tin mới nhất</td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl00_hplTieuDe" href="/chuyen-doi-so/lai-chau-xep-hang-50-63-tinh-thanh-pho-truc-thuoc-trung-uong-ve-chuyen-1397.aspx">Lai Châu xếp hạng 50/63 tỉnh, thành phố trực thuộc Trung ương về chuyển đổi số cấp tỉnh năm 2020</a><span class="ngaydang">(20/10/2021 8:13:45 SA)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl01_hplTieuDe" href="/tin-tuc-su-kien/hoi-nghi-truc-tuyen-trien-khai-xay-dung-de-an-phan-cap-trong-giai-1388.aspx">Hội nghị trực tuyến triển khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính</a> <span class="ngaydang">(30/09/2021 3:18:54 CH)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl02_hplTieuDe" href="/chuyen-doi-so/ung-dung-vssid-bao-hiem-xa-hoi-so-tien-loi-cong-khai-minh-bach-thong-1385.aspx">Ứng dụng VssID - Bảo hiểm xã hội số: Tiện lợi, công khai, minh bạch thông tin</a><span class="ngaydang">(26/09/2021 3:50:01 CH)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl03_hplTieuDe" href="/tin-tuc-su-kien/trao-giai-cuoc-thi-tim-hieu-cai-cach-hanh-chinh-va-van-hoa-cong-so-nam-1383.aspx">Trao giải Cuộc thi "tìm hiểu cải cách hành chính và văn hóa công sở" năm 2021</a><span class="ngaydang">(26/09/2021 10:00:09 SA)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl04_hplTieuDe" href="/ket-qua-cchc/bao-cao-cchc-dinh-ky/ket-qua-thuc-hien-cong-tac-cai-cach-hanh-chinh-quy-iii-nam-2021-cua-1386.aspx">Kết quả thực hiện công tác cải cách hành chính Quý III năm 2021 của tỉnh Lai Châu</a><span class="ngaydang">(29/09/2021 2:08:40 CH)</span></td></tr>
<tr><td class="boxtitle">LƯỢT TRUY CẬP</td></tr><tr><td class="boxcontent">Đang trực tuyến: 17<br />Tổng lượt truy cập: 1285034</td></tr></table></td></tr>
<tr><td colspan="3" class="footer" align="center">
<table class="tblfooter" align="center"><tr><td colspan="2"><b>TRANG THÔNG TIN ĐIỆN TỬ CẢI CÁCH HÀNH CHÍNH TỈNH LAI CHÂU</b></td></tr>
<tr><td>Chịu trách nhiệm chính:<br />Trụ sở:<br />Email:</td>
<td>Ông Vừ A Tiến<br />Tầng 2, nhà D, khu Hành chính - Chính trị tỉnh<br />- Số điện thoại: 02133 876 650<br />cchc@laichau.gov.vn</td></tr></table>
www.cchc.laichau.gov.vn
</td></tr></table>
</form>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-226C1348"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-226C1348');</script>
</body>
</html>

<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<!-- Mirrored from cchc.laichau.gov.vn/tin-tuc-su-kien/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-cong-chuc-cap-xa-1240.aspx by HTTrack Website Copier/3.x [XR&CO'2014], Thu, 21 Oct 2021 02:13:05 GMT -->
<!-- Added by HTTrack --><meta http-equiv="content-type" content="text/html;charset=windows-1258" /><!-- /Added by HTTrack -->
<head id="ctl00_Head1"><meta http-equiv="Content-Type" content="text/html; charset=windows-1258" /><title>
	CCHC Lai Châu - Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức cấp xã năm 2020
</title><link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" />
<meta name="keywords" content="CCHC, Lai Châu, thủ tục hành chính, một cửa, dịch vụ công" /><meta property="og:url" content="https://cchc.laichau.gov.vn/tin-tuc-su-kien/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-cong-chuc-cap-xa-1240.aspx" /><meta property="og:title" content="Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức cấp xã năm 2020" /></head>
<body topmargin="0" leftmargin="0">
<form name="aspnetForm" method="post" action="/tin-tuc-su-kien/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-cong-chuc-cap-xa-1240.aspx" id="aspnetForm">
<div><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK6514b7c6f06bfcf86748494819969867165d2f7671fb0593d47243f76a0c3f07" /></div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['aspnetForm'];
function __doPostBack(eventTarget, eventArgument) { theForm.__EVENTTARGET.value = eventTarget; theForm.submit(); }
//]]>
</script>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main">
<tr><td colspan="3"><img src="/images/banner.png" width="1000" height="150" alt="TRANG THÔNG TIN ĐIỆN TỬ CẢI CÁCH HÀNH CHÍNH TỈNH LAI CHÂU" /></td></tr>
<tr><td colspan="3" class="menutop" height="32"><a href="/" class="menu">TRANG CHỦ</a> | <a href="/tin-tuc-su-kien.aspx" class="menu">TIN TỨC - SỰ KIỆN</a> | <a href="/ket-qua-cchc.aspx" class="menu">KẾT QUẢ CCHC</a> | <a href="/van-ban-chi-dao-dieu-hanh.aspx" class="menu">VĂN BẢN CHỈ ĐẠO ĐIỀU HÀNH</a> | <a href="/chuyen-doi-so.aspx" class="menu">CHUYỂN ĐỔI SỐ</a> | <a href="/hoi-dap-tthc.aspx" class="menu">HỎI ĐÁP TTHC</a></td></tr>
<tr><td colspan="3" class="marquee"><marquee scrollamount="3">Chào mừng bạn đến với Trang thông tin điện tử CCHC tỉnh Lai Châu</marquee></td></tr>
<tr><td width="210" valign="top" class="leftcol"><table width="100%" cellpadding="0" cellspacing="0">
<tr><td class="boxtitle">DANH MỤC TIN</td></tr><tr><td class="boxcontent"><a href="/tin-tuc-su-kien.aspx">» Tin tức - Sự kiện</a><br /><a href="/ket-qua-cchc/bao-cao-cchc-dinh-ky.aspx">» Báo cáo CCHC định kỳ</a><br /><a href="/ket-qua-cchc/chi-so-cchc.aspx">» Chỉ số CCHC</a><br /><a href="/van-ban-chi-dao-dieu-hanh.aspx">» Văn bản chỉ đạo điều hành</a><br /><a href="/chuyen-doi-so.aspx">» Chuyển đổi số</a><br /><a href="/hoi-dap-tthc.aspx">» Hỏi đáp TTHC</a></td></tr>
<tr><td class="boxtitle">HỖ TRỢ TRỰC TUYẾN</td></tr><tr><td class="boxcontent">Đường dây nóng: 02133 876 650</td></tr></table></td>
<td width="560" valign="top" class="centercol"><!-- ContentPlaceHolder1 -->
<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="navpath"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc-su-kien.aspx">Tin tức - Sự kiện</a></td></tr>
<tr><td>
<table width="100%" cellpadding="5" cellspacing="0" class="tbl_newsdetail">
<tr><td><h1 class="tieude"><span id="ctl00_ContentPlaceHolder1_ctl00_lblTieuDe">Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức cấp xã năm 2020</span></h1></td></tr>
<tr><td><span id="ctl00_ContentPlaceHolder1_ctl00_lblNgayDang" class="ngaydang">(Ngày đăng :14/05/2020 12:40:02 SA)</span></td></tr>
<tr><td>
<div id="ctl00_ContentPlaceHolder1_ctl00_divNoiDung" class="noidung">
<p class="MsoNormal" align="center" style="text-align:center"><img width="480" src="/Upload/Images/2020/05/anh-1240.png" alt="" /></p>
<p class="MsoNormal" align="center" style="text-align:center"><i><span style="font-size:12.0pt">Các học viên tham dự lớp tập huấn</span></i></p>
<p class="MsoNormal" style="margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt"><span lang="VI" style="font-size:14.0pt">Trong hai ngày 12 và 13/5/2020, Văn phòng UBND tỉnh tổ chức lớp tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho 212 công chức văn phòng - thống kê, tư pháp - hộ tịch của các xã, phường, thị trấn trên địa bàn tỉnh.<o:p></o:p></span></p>
<p class="MsoNormal" style="margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt"><span lang="VI" style="font-size:14.0pt">Học viên được hướng dẫn cách niêm yết, công khai thủ tục; tiếp nhận và xử lý phản ánh, kiến nghị của cá nhân, tổ chức; sử dụng Hệ thống thông tin một cửa điện tử và cập nhật hồ sơ đúng thời hạn.<o:p></o:p></span></p>
<p class="MsoNormal" style="margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt"><span lang="VI" style="font-size:14.0pt">Báo cáo viên lưu ý nhiều lỗi thường gặp như yêu cầu người dân nộp thêm giấy tờ ngoài quy định, không có phiếu hẹn trả kết quả, không gửi thư xin lỗi khi hồ sơ quá hạn.<o:p></o:p></span></p>
<p class="MsoNormal" style="margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt"><span lang="VI" style="font-size:14.0pt">Kết thúc lớp học, 100% học viên hoàn thành bài kiểm tra cuối khóa; nhiều ý kiến đề nghị tiếp tục mở các lớp chuyên sâu về ký số và lưu trữ hồ sơ điện tử.<o:p></o:p></span></p>

</div>
</td></tr>
<tr><td align="right" class="tool">Lượt xem: 842 &nbsp; <a href="javascript:history.go(-1);">Trở về</a> <div class="social-share"><span class="share-label">Chia sẻ:</span> <a class="btn-facebook" target="_blank" rel="nofollow" href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcchc.laichau.gov.vn%2Ftin-tuc-su-kien%2Ftap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-cong-chuc-cap-xa-1240.aspx">Facebook</a> <div class="zalo-share-button" data-href="https://cchc.laichau.gov.vn/tin-tuc-su-kien/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-cong-chuc-cap-xa-1240.aspx" data-oaid="5797" data-layout="2" data-color="blue" data-customize="false"></div> <a class="btn-print" href="javascript:window.print();">In bài</a></div></td></tr>
<tr><td>
<table width="100%" cellpadding="2" cellspacing="0" class="tbl_tinkhac">
<tr><td class="title_tinkhac">Tin liên quan</td></tr>
<tr><td class="tinkhac"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinLienQuan_ctl00_hplTieuDe" href="/tin-tuc-su-kien/hoi-nghi-truc-tuyen-trien-khai-xay-dung-de-an-phan-cap-trong-giai-1388.aspx">Hội nghị trực tuyến triển khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính</a><span class="ngaydang">(30/09/2021 3:18:54 CH)</span></td></tr>
<tr><td class="tinkhac"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinLienQuan_ctl01_hplTieuDe" href="/hoi-dap-tthc/huong-dan-dang-ky-tai-khoan-va-nop-ho-so-tren-cong-dich-vu-cong-cua-1322.aspx">Hướng dẫn đăng ký tài khoản và nộp hồ sơ trên Cổng dịch vụ công của tỉnh</a><span class="ngaydang">(02/03/2021 10:11:12 SA)</span></td></tr>
<tr><td class="tinkhac"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinLienQuan_ctl02_hplTieuDe" href="/tin-tuc-su-kien/doan-kiem-tra-cong-tac-cchc-cua-tinh-lam-viec-tai-huyen-phong-tho-1266.aspx">Đoàn kiểm tra công tác CCHC của tỉnh làm việc tại huyện Phong Thổ</a><span class="ngaydang">(19/08/2020 9:30:21 SA)</span></td></tr>
<tr><td class="tinkhac"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinLienQuan_ctl03_hplTieuDe" href="/tin-tuc-su-kien/trung-tam-phuc-vu-hanh-chinh-cong-tinh-di-vao-hoat-dong-tu-ngay-01-8-1187.aspx">Trung tâm Phục vụ hành chính công tỉnh đi vào hoạt động từ ngày 01/8/2019</a><span class="ngaydang">(31/07/2019 12:15:33 CH)</span></td></tr>
</table>
</td></tr>
</table>
</td></tr></table></td>
<td width="230" valign="top" class="rightcol"><table width="100%" cellpadding="0" cellspacing="0">
<tr><td class="boxtitle">Tin mới nhất</td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl00_hplTieuDe" href="/chuyen-doi-so/lai-chau-xep-hang-50-63-tinh-thanh-pho-truc-thuoc-trung-uong-ve-chuyen-1397.aspx">Lai Châu xếp hạng 50/63 tỉnh, thành phố trực thuộc Trung ương về chuyển đổi số cấp tỉnh năm 2020</a><span class="ngaydang">(20/10/2021 8:13:45 SA)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl01_hplTieuDe" href="/tin-tuc-su-kien/hoi-nghi-truc-tuyen-trien-khai-xay-dung-de-an-phan-cap-trong-giai-1388.aspx">Hội nghị trực tuyến triển khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính</a> <span class="ngaydang">(30/09/2021 3:18:54 CH)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl02_hplTieuDe" href="/chuyen-doi-so/ung-dung-vssid-bao-hiem-xa-hoi-so-tien-loi-cong-khai-minh-bach-thong-1385.aspx">Ứng dụng VssID - Bảo hiểm xã hội số: Tiện lợi, công khai, minh bạch thông tin</a><span class="ngaydang">(26/09/2021 3:50:01 CH)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl03_hplTieuDe" href="/tin-tuc-su-kien/trao-giai-cuoc-thi-tim-hieu-cai-cach-hanh-chinh-va-van-hoa-cong-so-nam-1383.aspx">Trao giải Cuộc thi "tìm hiểu cải cách hành chính và văn hóa công sở" năm 2021</a><span class="ngaydang">(26/09/2021 10:00:09 SA)</span></td></tr>
<tr><td class="tinmoi"><a id="ctl00_ContentPlaceHolder1_ctl00_rptTinMoi_ctl04_hplTieuDe" href="/ket-qua-cchc/bao-cao-cchc-dinh-ky/ket-qua-thuc-hien-cong-tac-cai-cach-hanh-chinh-quy-iii-nam-2021-cua-1386.aspx">Kết quả thực hiện công tác cải cách hành chính Quý III năm 2021 của tỉnh Lai Châu</a><span class="ngaydang">(29/09/2021 2:08:40 CH)</span></td></tr>
<tr><td class="boxtitle">LƯỢT TRUY CẬP</td></tr><tr><td class="boxcontent">Đang trực tuyến: 17<br />Tổng lượt truy cập: 1285034</td></tr></table></td></tr>
<tr><td colspan="3" class="footer" align="center">
<table class="tblfooter" align="center"><tr><td colspan="2"><b>TRANG THÔNG TIN ĐIỆN TỬ CẢI CÁCH HÀNH CHÍNH TỈNH LAI CHÂU</b></td></tr>
<tr><td>Chịu trách nhiệm chính:<br />Trụ sở:<br />Email:</td>
<td>Ông Vừ A Tiến<br />Tầng 2, nhà D, khu Hành chính - Chính trị tỉnh<br />- Số điện thoại: 02133 876 650<br />cchc@laichau.gov.vn</td></tr></table>
www.cchc.laichau.gov.vn
</td></tr></table>
</form>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-226C1348"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-226C1348');</script>
</body>
</html>

# Chuỗi tiếng Việt của bot. Giữ các khóa giống hệt en.ftl (tests/bot/i18n.test.ts kiểm tra).

## Chung

error-generic = Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại sau giây lát.
error-answering = Xin lỗi, đã có lỗi khi trả lời. Vui lòng thử lại sau giây lát.
question-empty = Vui lòng viết câu hỏi, ví dụ: “Ai dự hội nghị ở tỉnh Hà Nam?”
question-too-long = Câu hỏi quá dài ({ $length } ký tự; giới hạn là { $max }). Vui lòng rút gọn.
rate-limited = Bạn hỏi quá nhiều: vui lòng đợi { $seconds } giây rồi hỏi tiếp.
rate-limited-title = Quá nhiều câu hỏi
language-name-en = English
language-name-vi = Tiếng Việt

## Câu trả lời

answer-sources = Nguồn:
answer-closest = Các báo cáo gần nhất:
answer-not-found = Các báo cáo tôi có không đề cập đến điều này.
answer-more-sources = Thêm nguồn:
answer-no-further = Không còn đoạn nào khác.
answer-untitled = Báo cáo không có tiêu đề
answer-no-text = (không có nội dung trả lời)
answer-read-as = Hiểu là: { $question }
answer-filter = Bộ lọc: { $filter }
answer-spelling = Đã sửa chính tả: { $corrections }
filter-place = địa phương { $place }
filter-dates = từ { $from } đến { $to }
filter-from = từ { $from }
filter-to = đến { $to }
filter-source = nguồn { $source }
button-more = Thêm nguồn
more-expired = Câu trả lời này đã quá cũ nên tôi không còn nhớ nguồn của nó. Vui lòng hỏi lại.
more-already = Đã hiển thị rồi.
feedback-up = Cảm ơn! Rất vui vì câu trả lời có ích. 👍
feedback-down = Cảm ơn, tôi đã ghi nhận và sẽ cố gắng làm tốt hơn. 👎
feedback-already = Đã ghi nhận, cảm ơn bạn.
feedback-failed = Xin lỗi, tôi không lưu được đánh giá này.

## Hỏi

ask-usage-private = Hãy viết câu hỏi sau /ask, hoặc chỉ cần gửi câu hỏi như một tin nhắn.
ask-usage-group = Cách dùng: <code>/ask câu hỏi của bạn</code>, ví dụ: <code>/ask Ai dự hội nghị?</code>
unknown-command = Tôi không biết lệnh này. Gửi /help để xem tôi làm được gì, hoặc cứ viết câu hỏi.
text-only = Tôi chỉ đọc được câu hỏi dạng chữ. Vui lòng gõ câu hỏi.
new-done = Xong: tôi đã quên cuộc trò chuyện ở đây. Trả lời vào các câu trả lời cũ của tôi giờ được coi là câu hỏi mới.

## Chế độ inline

inline-hint-title = Gõ câu hỏi về các báo cáo hội nghị Đảng bộ
inline-hint-text = ví dụ: { $example }
inline-problem-title = Không hỏi được như vậy
inline-error-title = Không có câu trả lời
inline-answer-title = Trả lời: { $question }
inline-not-found-title = Các báo cáo tôi có không đề cập đến điều này
inline-not-found-description = Các báo cáo gần nhất được liệt kê bên dưới

## /start và /help (HTML)

help-intro = Tôi trả lời câu hỏi về các bản tin hội nghị Ban Chấp hành Đảng bộ tỉnh, huyện ở Việt Nam: ai dự, các chỉ số tăng trưởng, chỉ tiêu đã đạt, nhiệm vụ năm tới. Mỗi câu trả lời đều trích dẫn nguồn bằng liên kết đánh số. Các báo cáo viết bằng tiếng Anh nên phần trích dẫn là tiếng Anh; bạn có thể hỏi bằng tiếng Việt hoặc tiếng Anh.
help-empty = Thư viện của tôi hiện đang trống nên tôi chưa thể trả lời. Quản trị viên có thể thêm báo cáo.
help-library = Tôi có <b>{ $count }</b> báo cáo{ $places }{ $dates }.
help-places = {" "}về { $places }
help-places-more = { $shown } và { $rest } nơi khác
help-dated = , ngày { $date }
help-dated-range = , từ ngày { $from } đến { $to }
help-try = <b>Hãy thử hỏi:</b>
help-how = <b>Cách hỏi:</b> trong cuộc trò chuyện riêng này, chỉ cần viết câu hỏi. Trong nhóm: <code>/ask câu hỏi của bạn</code>, nhắc đến @{ $bot }, hoặc trả lời vào một câu trả lời của tôi. Ở bất kỳ cuộc trò chuyện nào: gõ <code>@{ $bot } câu hỏi của bạn</code>.
help-followup = <b>Hỏi tiếp:</b> trả lời vào một câu trả lời của tôi (“còn năm 2022?”, “còn Hưng Yên thì sao?”) và tôi sẽ hiểu theo câu hỏi trước đó. /new để bắt đầu lại.
help-commands = /language để chọn ngôn ngữ. Trong nhóm, quản trị viên nhóm dùng /settings để chọn tôi có trả lời cả tin nhắn kết thúc bằng “?” hay không, và bằng ngôn ngữ nào.
help-admin = <b>Lệnh quản trị:</b>
help-admin-upload = Gửi tệp .txt, .md, .json, .jsonl hoặc .html để thêm báo cáo.
example-chair = Who chaired the Party Committee conference in { $place }?
example-growth = What economic growth did { $place } report?
example-tasks = What are the key tasks for next year in { $place }?
example-generic-chair = Who attended the provincial Party Committee conference?
example-generic-growth = What economic growth rate was reported for last year?
example-generic-tasks = What are the key tasks for next year?

## Menu lệnh

cmd-ask = Đặt câu hỏi (trong nhóm: /ask câu hỏi)
cmd-help = Tôi biết gì và cách hỏi
cmd-start = Giới thiệu
cmd-new = Quên cuộc trò chuyện (hỏi tiếp bắt đầu lại)
cmd-language = Chọn ngôn ngữ
cmd-settings = Cài đặt nhóm (quản trị viên nhóm)
cmd-request = Xin quyền sử dụng bot
cmd-add = Thêm báo cáo theo URL: /add https://…
cmd-remove = Xóa báo cáo: /remove <id hoặc url>
cmd-list = Danh sách báo cáo
cmd-reindex = Xây dựng lại chỉ mục
cmd-stats = Thống kê chỉ mục
cmd-allow = Cấp quyền cho người dùng hoặc nhóm: /allow <id>
cmd-deny = Thu hồi quyền hoặc từ chối: /deny <id>
cmd-requests = Các yêu cầu cấp quyền đang chờ

## Ngôn ngữ (HTML)

language-current = Ngôn ngữ tôi dùng với bạn: <b>{ $language }</b>{ $auto ->
    [yes] {" "}(theo cài đặt Telegram của bạn)
   *[no] {""}
  }. Chọn:
language-auto-button = Tự động (theo ngôn ngữ Telegram)
language-set = Xong: tôi sẽ viết cho bạn bằng tiếng Việt.
language-set-auto = Xong: tôi sẽ theo ngôn ngữ Telegram của bạn.
language-usage = Cách dùng: <code>/language vi</code>, <code>/language en</code> hoặc <code>/language auto</code>.
language-group-note = Trong nhóm này, quản trị viên đã chọn { $language } bằng /settings.

## Quyền truy cập (HTML)

access-refused = Xin lỗi, bot này chỉ trả lời những người được quản trị viên cho phép. Bấm nút bên dưới hoặc gửi /request để xin quyền.
access-refused-group = Xin lỗi, nhóm này chưa có trong danh sách được phép. Bất kỳ ai trong nhóm có thể gửi /request để xin quyền.
access-refused-inline = Xin lỗi, bot này chỉ trả lời những người được quản trị viên cho phép
access-button-request = Xin quyền truy cập
access-requested = Yêu cầu của bạn đã được gửi đến quản trị viên (id của bạn: <code>{ $id }</code>). Bạn có thể hỏi ngay khi được cho phép.
access-requested-group = Yêu cầu cho nhóm này đã được gửi đến quản trị viên (id nhóm: <code>{ $id }</code>).
access-pending = Yêu cầu của bạn đang chờ quản trị viên xét.
access-already = Bạn đã có quyền: cứ đặt câu hỏi.
access-public = Mọi người đều dùng được bot này, không cần xin quyền: cứ đặt câu hỏi.
access-granted = Quản trị viên đã cấp quyền cho bạn: hãy hỏi tôi bất cứ điều gì về các báo cáo. /help để xem cách hỏi.
access-granted-group = Quản trị viên đã cấp quyền cho nhóm này: hãy hỏi bằng <code>/ask câu hỏi của bạn</code>.
access-admin-notice = Yêu cầu cấp quyền mới: { $who } (<code>{ $id }</code>). /allow { $id } hoặc /deny { $id }
allow-usage = Cách dùng: <code>/allow &lt;id người dùng hoặc nhóm&gt;</code> (id nhóm bắt đầu bằng -). /requests hiện các yêu cầu đang chờ.
allow-done = Đã cho phép: { $who }<code>{ $id }</code>.
allow-already = <code>{ $id }</code> đã được cho phép từ trước.
allow-public-note = Lưu ý: ACCESS=public nên ai cũng hỏi được; danh sách chỉ có hiệu lực khi ACCESS=allowlist.
deny-usage = Cách dùng: <code>/deny &lt;id người dùng hoặc nhóm&gt;</code>.
deny-done = Đã xóa <code>{ $id }</code> khỏi danh sách được phép.
deny-declined = Đã từ chối yêu cầu của <code>{ $id }</code>.
deny-nothing = <code>{ $id }</code> không có trong danh sách được phép và cũng không có yêu cầu nào.
deny-admin = <code>{ $id }</code> là quản trị viên bot (ADMIN_IDS): quản trị viên luôn có quyền.
requests-none = Không có yêu cầu cấp quyền nào đang chờ.
requests-title = <b>Yêu cầu đang chờ ({ $count }):</b>
requests-item = { $who } · <code>{ $id }</code> · { $at } → /allow { $id }
requests-by = {" "}(do <code>{ $by }</code> gửi)
requests-allowed = <b>Được phép ({ $count }):</b> { $ids }
requests-mode = Chế độ truy cập: <b>{ $mode }</b>.

## Cài đặt nhóm (HTML)

settings-title = <b>Cài đặt của nhóm này</b>
settings-mode-addressed = Tôi trả lời /ask, tin nhắn nhắc đến @{ $bot } và tin nhắn trả lời vào câu trả lời của tôi.
settings-mode-questions = Tôi trả lời /ask, tin nhắn nhắc đến @{ $bot }, tin nhắn trả lời vào câu trả lời của tôi, và mọi tin nhắn kết thúc bằng “?”.
settings-language = Ngôn ngữ: <b>{ $language }</b>
settings-language-auto = theo từng người hỏi
settings-button-addressed = Chỉ khi được gọi
settings-button-questions = Cả câu hỏi kết thúc bằng “?”
settings-button-auto = Theo ngôn ngữ người hỏi
settings-only-admins = Chỉ quản trị viên của nhóm này mới thay đổi được cài đặt.
settings-private = Cài đặt áp dụng cho từng nhóm: gửi /settings trong nhóm. Ở đây, /language để chọn ngôn ngữ của bạn.
settings-saved = Đã lưu.
settings-usage = Cách dùng: <code>/settings questions on|off</code>, <code>/settings language en|vi|auto</code>, hoặc các nút bên dưới.
settings-privacy-note = Lưu ý: tôi chỉ thấy các tin nhắn không nhắc đến tôi khi tôi là quản trị viên của nhóm này, hoặc khi chế độ riêng tư đã tắt qua @BotFather (/setprivacy).

## Quản trị (HTML)

admin-refusal = Xin lỗi, chỉ quản trị viên của bot mới thay đổi được thư viện hoặc quyền sử dụng bot. Bạn vẫn có thể hỏi tôi bất cứ điều gì về các báo cáo tôi có.
upload-refusal = Xin lỗi, chỉ quản trị viên của bot mới thêm được tài liệu. Bạn vẫn có thể hỏi tôi bất cứ điều gì về các báo cáo tôi có.
admin-failed = Đã có lỗi khi { $what }. Chi tiết nằm trong nhật ký của bot.
what-add-url = thêm URL
what-remove = xóa báo cáo
what-list = liệt kê báo cáo
what-stats = đọc thống kê
what-upload = thêm tài liệu
add-usage = Cách dùng: <code>/add https://example.com/article</code> (hoặc gửi tệp .txt, .md, .json, .jsonl hoặc .html).
add-not-url = Đây không phải địa chỉ web: <code>{ $url }</code>. Địa chỉ phải bắt đầu bằng https://
add-nothing = Không thêm được gì: không tìm thấy bài viết nào.
add-added = Đã thêm
add-updated = Đã cập nhật
add-unchanged = Đã có trong thư viện (cùng nội dung)
add-passages = { $count } đoạn
remove-usage = Cách dùng: <code>/remove &lt;id hoặc url của bài&gt;</code>. /list hiện các id.
remove-done = Đã xóa
list-empty = Thư viện đang trống.
list-title = <b>Báo cáo { $from }–{ $to } trên { $total }</b> (trang { $page }/{ $pages })
list-admins-only = Chỉ quản trị viên mới xem được thư viện.
list-failed = Đã có lỗi xảy ra.
stats-title = <b>Chỉ mục</b>
stats-reports = Báo cáo: { $count }
stats-passages = Đoạn: { $count }
stats-places = Địa phương: { $count }
stats-dates = Ngày: { $from } đến { $to }
stats-model = Mô hình: <code>{ $model }</code> ({ $dimension } chiều)
stats-size = Dung lượng chỉ mục: { $size }
stats-built = Xây dựng: { $at }
stats-built-in = {" "}trong { $seconds } giây
stats-never = chưa bao giờ
stats-reindex-running = Đang xây dựng lại chỉ mục được { $seconds } giây
reindex-running = Việc xây dựng lại chỉ mục đang chạy (bắt đầu { $seconds } giây trước). Tin nhắn tiến độ sẽ báo khi xong.
reindex-starting = Đang xây dựng lại chỉ mục… bắt đầu
reindex-progress = Đang xây dựng lại chỉ mục… { $phase } { $done }/{ $total }{ $percent }
reindex-done = Đã xây dựng lại chỉ mục: { $articles } báo cáo, { $passages } đoạn trong { $seconds } giây.
reindex-stopped = Đã dừng xây dựng lại chỉ mục: { $reason }
reindex-failed = Xây dựng lại chỉ mục thất bại (chi tiết trong nhật ký của bot). Chỉ mục cũ vẫn đang phục vụ.
upload-bad-type = Tôi chỉ thêm được tệp { $types }; "{ $name }" không thuộc loại đó.
upload-too-big = "{ $name }" quá lớn ({ $size }; giới hạn là { $max }). Không có gì được thêm.
file-too-big = Tệp quá lớn ({ $size }; giới hạn là { $max }).
file-too-big-stream = Tệp quá lớn (hơn { $max }).

## Câu trả lời gần đúng, từ chối

answer-check-confirmed = Đúng — các báo cáo ghi {$given} [{$n}].
answer-check-rounded = Gần đúng — các báo cáo ghi {$given} [{$n}] (thông tin cần kiểm tra: “{$claimed}”).
answer-check-contradicted = Không đúng — các báo cáo ghi {$given} [{$n}], không phải “{$claimed}”.
answer-near-miss = Các báo cáo không nêu {$asked}. Báo cáo nêu {$given}:
answer-place-not-held = Không có báo cáo nào trong thư viện về {$place}, nên tôi không thể trả lời.
answer-no-matching-reports = Không có báo cáo nào khớp bộ lọc ({$filter}), nên tôi không có gì để trả lời. Hãy thử bộ lọc rộng hơn.
near-result = số liệu {$what}
near-target = chỉ tiêu {$what}
near-figure = số liệu này
near-date = ngày diễn ra
near-planned-date = ngày dự kiến
near-for-place = {$what} của {$place}
near-in-period = {$what} năm {$period}
metric-party-members-admitted = số đảng viên mới được kết nạp
metric-party-members-disciplined = số đảng viên bị kỷ luật
metric-party-inspection = công tác kiểm tra
metric-party-organizations = số tổ chức đảng
metric-growth = tăng trưởng kinh tế
metric-economic-scale = quy mô kinh tế
metric-economic-structure = cơ cấu kinh tế
metric-budget-revenue = thu ngân sách
metric-budget-expenditure = chi ngân sách
metric-income-per-capita = thu nhập bình quân đầu người
metric-poverty-rate = tỷ lệ hộ nghèo
metric-tourists = lượt khách du lịch
metric-fdi = vốn đầu tư trực tiếp nước ngoài
metric-investment-capital = vốn đầu tư
metric-public-investment-disbursement = giải ngân vốn đầu tư công
metric-export = kim ngạch xuất khẩu
metric-industrial-production = sản xuất công nghiệp
metric-retail = tổng mức bán lẻ
metric-production-value = giá trị sản xuất
metric-new-rural = nông thôn mới
metric-ocop = sản phẩm OCOP
metric-businesses = doanh nghiệp mới
metric-targets-met = số chỉ tiêu đạt
metric-projects = số dự án
answer-only-filtered = Chỉ các báo cáo khớp bộ lọc được đọc.
near-part-q1 = quý I/{$year}
near-part-q2 = quý II/{$year}
near-part-q3 = quý III/{$year}
near-part-q4 = quý IV/{$year}
near-part-h1 = 6 tháng đầu năm {$year}
near-part-9m = 9 tháng năm {$year}
near-part-11m = 11 tháng năm {$year}
near-in-part = {$what} {$period}
## Nguồn tin (/feeds; HTML)

cmd-feeds = Nguồn RSS / Atom và sitemap đang theo dõi: /feeds add|remove|check|keywords
feeds-off = Tiến trình bot này không có chức năng nguồn tin.
feeds-usage = Cách dùng: <code>/feeds</code> (danh sách), <code>/feeds add &lt;url&gt;</code>, <code>/feeds remove &lt;url&gt;</code>, <code>/feeds check</code> (kiểm tra mọi nguồn ngay), <code>/feeds keywords &lt;url&gt; &lt;từ, từ…&gt;</code> (hoặc <code>default</code>). RSS 2.0, Atom, sitemap và sitemap index được nhận ra theo nội dung.
feeds-refused = Không có gì thay đổi: { $reason }
feeds-empty = Chưa theo dõi nguồn tin nào. Thêm bằng <code>/feeds add &lt;url&gt;</code>.
feeds-added = Đang theo dõi { $feed } ({ $kind }, hiện có { $entries } mục). Nguồn được kiểm tra mỗi { $minutes } phút; <code>/feeds check</code> kiểm tra ngay.
feeds-removed = Đã ngừng theo dõi { $feed }. Các báo cáo đã lập chỉ mục từ nguồn này vẫn được giữ.
feeds-keywords-set = { $feed } từ nay lấy các mục có tiêu đề hoặc đoạn đầu nhắc đến: { $keywords }
feeds-keywords-default = { $feed } dùng lại quy tắc mặc định: { $keywords }
feeds-title = <b>Nguồn tin đang theo dõi ({ $count })</b>
feeds-line-checked = Kiểm tra gần nhất: { $checked } · báo cáo mới gần nhất: { $newItem }
feeds-line-counts = Đã lập chỉ mục { $indexed } · bỏ qua { $skipped }
feeds-line-keywords = Từ khóa ({ $own ->
    [own] do quản trị viên đặt
   *[other] mặc định
  }): { $keywords }
feeds-line-error = ⚠️ Lỗi gần nhất ({ $failures } lần liên tiếp): { $error }
feeds-never = chưa bao giờ
feeds-ago-minutes = { $count } phút trước
feeds-ago-hours = { $count } giờ trước
feeds-ago-days = { $count } ngày trước
feeds-checking = Đang kiểm tra { $count } nguồn… Tôi sẽ báo khi xong; trong lúc đó vẫn trả lời câu hỏi.
feeds-check-title = <b>Đã kiểm tra { $count } nguồn</b>
feeds-check-unchanged = { $feed }: không thay đổi từ lần kiểm tra trước
feeds-check-error = { $feed }: ⚠️ { $error }
feeds-check-done = { $feed }: { $indexed } mới, { $skipped } bỏ qua, { $refused } bị từ chối hoặc lỗi{ $deferred ->
    [0] {""}
   *[other] , { $deferred } để lần kiểm tra sau
  }
feeds-digest-title = <b>{ $count } báo cáo mới từ { $host }:</b>

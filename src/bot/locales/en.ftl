# English strings of the bot. Messages marked (HTML) are sent with parse_mode HTML: variables are escaped by
# the code before they get here. Keep the keys in vi.ftl in step (tests/bot/i18n.test.ts checks it).

## General

error-generic = Sorry, something went wrong. Please try again in a moment.
error-answering = Sorry, something went wrong while answering. Please try again in a moment.
question-empty = Please write a question, e.g. “Who attended the conference in Ha Nam province?”
question-too-long = Your question is too long ({ $length } characters; the limit is { $max }). Please shorten it.
rate-limited = Too many questions: please wait { $seconds } s before asking again.
rate-limited-title = Too many questions
language-name-en = English
language-name-vi = Tiếng Việt

## Answers

answer-sources = Sources:
answer-closest = Closest reports:
answer-not-found = The reports I have don't say.
answer-more-sources = More sources:
answer-no-further = No further passages.
answer-untitled = Untitled report
answer-no-text = (no answer text)
# (HTML) shown under an answer when it was narrowed by a filter, e.g. a follow-up that carried the place over
answer-read-as = Read as: { $question }
answer-filter = Filter: { $filter }
answer-spelling = Spelling read as: { $corrections }
filter-place = place { $place }
filter-dates = { $from } to { $to }
filter-from = since { $from }
filter-to = until { $to }
filter-source = source { $source }
button-more = More sources
more-expired = This answer is too old for me to remember its sources. Please ask again.
more-already = Already shown.
feedback-up = Thanks! Glad it helped. 👍
feedback-down = Thanks, noted. I'll try to do better. 👎
feedback-already = Already noted, thank you.
feedback-failed = Sorry, I could not save that.

## Asking

ask-usage-private = Write your question after /ask, or simply send it as a message.
# (HTML)
ask-usage-group = Usage: <code>/ask your question</code>, e.g. <code>/ask Who attended the conference?</code>
unknown-command = I don't know that command. Send /help to see what I can do, or just write your question.
text-only = I can only read questions written as text. Please type your question.
new-done = Done: I have forgotten our conversation here. Replies to my earlier answers are now read as new questions.

## Inline mode

inline-hint-title = Type a question about the Party Committee reports
inline-hint-text = e.g. { $example }
inline-problem-title = Cannot ask that
inline-error-title = No answer
inline-answer-title = Answer: { $question }
inline-not-found-title = The reports I have don't say
inline-not-found-description = Closest reports are listed below

## /start and /help (HTML)

help-intro = I answer questions about news reports on provincial and district Party Committee conferences in Vietnam: who attended, growth figures, targets met, tasks for next year. Every answer cites its sources with numbered links.
help-empty = My library is empty right now, so I cannot answer yet. An admin can add reports.
help-library = I know <b>{ $count }</b> { $count ->
    [one] report
   *[other] reports
  }{ $places }{ $dates }.
help-places = {" "}about { $places }
help-places-more = { $shown } and { $rest } more
help-dated = , dated { $date }
help-dated-range = , dated { $from } to { $to }
help-try = <b>Try asking:</b>
help-how = <b>How to ask:</b> in this private chat just write your question. In a group: <code>/ask your question</code>, mention @{ $bot }, or reply to one of my answers. In any chat: type <code>@{ $bot } your question</code>.
help-followup = <b>Follow-ups:</b> reply to one of my answers (“and in 2022?”, “what about Hung Yen?”) and I read it with the question it answered. /new starts over.
help-commands = /language sets my language. In groups, the group's admins choose with /settings whether I also answer messages ending with “?”, and in which language.
help-admin = <b>Admin commands:</b>
help-admin-upload = Send a .txt, .md, .json, .jsonl or .html file to add it.
example-chair = Who chaired the Party Committee conference in { $place }?
example-growth = What economic growth did { $place } report?
example-tasks = What are the key tasks for next year in { $place }?
example-generic-chair = Who attended the provincial Party Committee conference?
example-generic-growth = What economic growth rate was reported for last year?
example-generic-tasks = What are the key tasks for next year?

## Command menu (plain text, at most 256 characters each)

cmd-ask = Ask a question (in groups: /ask your question)
cmd-help = What I know and how to ask
cmd-start = Introduction
cmd-new = Forget our conversation (follow-ups start over)
cmd-language = Choose my language
cmd-settings = Group settings (group admins)
cmd-request = Ask the admins for access
cmd-add = Add a report by URL: /add https://…
cmd-remove = Remove a report: /remove <id or url>
cmd-list = List the reports
cmd-reindex = Rebuild the index
cmd-stats = Index statistics
cmd-allow = Give a user or chat access: /allow <id>
cmd-deny = Take access away or decline: /deny <id>
cmd-requests = Waiting access requests

## Language (HTML)

language-current = My language for you: <b>{ $language }</b>{ $auto ->
    [yes] {" "}(from your Telegram settings)
   *[no] {""}
  }. Choose:
language-auto-button = Automatic (Telegram's language)
language-set = Done: I'll write to you in English.
language-set-auto = Done: I'll follow your Telegram language.
language-usage = Usage: <code>/language en</code>, <code>/language vi</code> or <code>/language auto</code>.
language-group-note = In this group the admins chose { $language } with /settings.

## Access (HTML)

access-refused = Sorry, this bot answers only people its admins have allowed. Press the button below or send /request to ask for access.
access-refused-group = Sorry, this group is not on the bot's allowlist. Anyone here can send /request to ask the admins for access.
access-refused-inline = Sorry, this bot answers only people its admins have allowed
access-button-request = Request access
access-requested = Your request has been sent to the admins (your id: <code>{ $id }</code>). You can ask as soon as one of them allows it.
access-requested-group = The request for this group has been sent to the admins (group id: <code>{ $id }</code>).
access-pending = Your request is already waiting for an admin.
access-already = You already have access: just ask your question.
access-public = Everyone can use this bot, no request needed: just ask your question.
access-granted = An admin gave you access: ask me anything about the reports. /help shows how.
access-granted-group = An admin gave this group access: ask with <code>/ask your question</code>.
access-admin-notice = New access request: { $who } (<code>{ $id }</code>). /allow { $id } or /deny { $id }
allow-usage = Usage: <code>/allow &lt;user or chat id&gt;</code> (a group's id starts with -). /requests shows waiting requests.
allow-done = Allowed: { $who }<code>{ $id }</code>.
allow-already = <code>{ $id }</code> was already allowed.
allow-public-note = Note: ACCESS=public, so everyone can ask anyway; the list applies when ACCESS=allowlist.
deny-usage = Usage: <code>/deny &lt;user or chat id&gt;</code>.
deny-done = Removed <code>{ $id }</code> from the allowlist.
deny-declined = Declined the request of <code>{ $id }</code>.
deny-nothing = <code>{ $id }</code> was neither allowed nor waiting.
deny-admin = <code>{ $id }</code> is a bot admin (ADMIN_IDS): admins always have access.
requests-none = No access requests are waiting.
requests-title = <b>Waiting requests ({ $count }):</b>
requests-item = { $who } · <code>{ $id }</code> · { $at } → /allow { $id }
requests-by = {" "}(asked by <code>{ $by }</code>)
requests-allowed = <b>Allowed ({ $count }):</b> { $ids }
requests-mode = Access mode: <b>{ $mode }</b>.

## Group settings (HTML)

settings-title = <b>Settings for this group</b>
settings-mode-addressed = I answer /ask, mentions of @{ $bot } and replies to my answers.
settings-mode-questions = I answer /ask, mentions of @{ $bot }, replies to my answers, and any message ending with “?”.
settings-language = Language: <b>{ $language }</b>
settings-language-auto = each asker's own
settings-button-addressed = Only when addressed
settings-button-questions = Also questions ending with “?”
settings-button-auto = Each asker's language
settings-only-admins = Only this group's admins can change its settings.
settings-private = Settings are per group: send /settings in a group. Here, /language sets your language.
settings-saved = Saved.
settings-usage = Usage: <code>/settings questions on|off</code>, <code>/settings language en|vi|auto</code>, or the buttons below.
settings-privacy-note = Note: I only see messages that do not mention me when I am an admin of this group, or when privacy mode is turned off with @BotFather (/setprivacy).

## Admin work (HTML)

admin-refusal = Sorry, only the bot's admins can change the library or who may use the bot. You can still ask me anything about the reports I have.
upload-refusal = Sorry, only the bot's admins can add documents. You can still ask me anything about the reports I have.
admin-failed = Something went wrong while { $what }. The details are in the bot's log.
what-add-url = adding the URL
what-remove = removing the report
what-list = listing the reports
what-stats = reading the statistics
what-upload = adding the document
add-usage = Usage: <code>/add https://example.com/article</code> (or send me a .txt, .md, .json, .jsonl or .html file).
add-not-url = That is not a web address: <code>{ $url }</code>. It should start with https://
add-nothing = Nothing was added: no article found in it.
add-added = Added
add-updated = Updated
add-unchanged = Already indexed (the same text is in the library)
add-passages = { $count ->
    [one] { $count } passage
   *[other] { $count } passages
  }
remove-usage = Usage: <code>/remove &lt;article id or url&gt;</code>. /list shows the ids.
remove-done = Removed
list-empty = The library is empty.
list-title = <b>Reports { $from }–{ $to } of { $total }</b> (page { $page }/{ $pages })
list-admins-only = Only admins can browse the library.
list-failed = Something went wrong.
stats-title = <b>Index</b>
stats-reports = Reports: { $count }
stats-passages = Passages: { $count }
stats-places = Places: { $count }
stats-dates = Dates: { $from } to { $to }
stats-model = Model: <code>{ $model }</code> ({ $dimension } dimensions)
stats-size = Index size: { $size }
stats-built = Built: { $at }
stats-built-in = {" "}in { $seconds } s
stats-never = never
stats-reindex-running = Reindex running for { $seconds } s
reindex-running = A reindex is already running (started { $seconds } s ago). Its progress message will show when it is done.
reindex-starting = Reindexing… starting
reindex-progress = Reindexing… { $phase } { $done }/{ $total }{ $percent }
reindex-done = Reindex done: { $articles } reports, { $passages } passages in { $seconds } s.
reindex-stopped = Reindex stopped: { $reason }
reindex-failed = Reindex failed: something went wrong (details in the bot's log). The previous index is still serving.
upload-bad-type = I can add { $types } files; "{ $name }" is not one of them.
upload-too-big = "{ $name }" is too big ({ $size }; the limit is { $max }). Nothing was added.
file-too-big = The file is too big ({ $size }; the limit is { $max }).
file-too-big-stream = The file is too big (more than { $max }).

## Answers that are not answers (near misses, declines)

answer-check-confirmed = Yes — the reports give {$given} [{$n}].
answer-check-rounded = Roughly — the reports give {$given} [{$n}] (the claim: {$claimed}).
answer-check-contradicted = No — the reports give {$given} [{$n}], not {$claimed}.
answer-near-miss = The reports don't give {$asked}. They give {$given}:
answer-place-not-held = No report in the library is about {$place}, so I cannot answer for it.
answer-no-matching-reports = No report matches the filter ({$filter}), so I have nothing to answer from. Try a wider filter.
near-result = the figure for {$what}
near-target = the target for {$what}
near-figure = this figure
near-date = the date
near-planned-date = the date it was planned for
near-for-place = {$what} in {$place}
near-in-period = {$what} in {$period}
metric-party-members-admitted = new party members admitted
metric-party-members-disciplined = party members disciplined
metric-party-inspection = inspections
metric-party-organizations = party organizations
metric-growth = economic growth
metric-economic-scale = the size of the economy
metric-economic-structure = the make-up of the economy
metric-budget-revenue = budget revenue
metric-budget-expenditure = budget expenditure
metric-income-per-capita = income per capita
metric-poverty-rate = the poverty rate
metric-tourists = tourists
metric-fdi = foreign direct investment
metric-investment-capital = investment capital
metric-public-investment-disbursement = public investment disbursement
metric-export = export turnover
metric-industrial-production = industrial production
metric-retail = retail sales
metric-production-value = production value
metric-new-rural = new rural areas
metric-ocop = OCOP products
metric-businesses = new businesses
metric-targets-met = targets met
metric-projects = projects
answer-only-filtered = Only reports matching the filter were read.
near-part-q1 = the first quarter of {$year}
near-part-q2 = the second quarter of {$year}
near-part-q3 = the third quarter of {$year}
near-part-q4 = the fourth quarter of {$year}
near-part-h1 = the first half of {$year}
near-part-9m = the first nine months of {$year}
near-part-11m = the first eleven months of {$year}
near-in-part = {$what} in {$period}
## Feeds (/feeds; HTML)

cmd-feeds = Watched RSS / Atom feeds and sitemaps: /feeds add|remove|check|keywords
feeds-off = Feeds are not available in this bot process.
feeds-usage = Usage: <code>/feeds</code> (list), <code>/feeds add &lt;url&gt;</code>, <code>/feeds remove &lt;url&gt;</code>, <code>/feeds check</code> (every feed, now), <code>/feeds keywords &lt;url&gt; &lt;word, word…&gt;</code> (or <code>default</code>). RSS 2.0, Atom, sitemaps and sitemap indexes are recognised by their content.
feeds-refused = Nothing was changed: { $reason }
feeds-empty = No feeds are watched. Add one with <code>/feeds add &lt;url&gt;</code>.
feeds-added = Watching { $feed } ({ $kind }, { $entries ->
    [one] { $entries } entry
   *[other] { $entries } entries
  } now). It is checked every { $minutes } minutes; <code>/feeds check</code> checks it now.
feeds-removed = Stopped watching { $feed }. The reports already indexed from it stay.
feeds-keywords-set = { $feed } now takes items whose title or first paragraph mentions: { $keywords }
feeds-keywords-default = { $feed } uses the default rule again: { $keywords }
feeds-title = <b>Watched feeds ({ $count })</b>
feeds-line-checked = Last check: { $checked } · last new report: { $newItem }
feeds-line-counts = Indexed { $indexed } · skipped { $skipped }
feeds-line-keywords = Keywords ({ $own ->
    [own] set by an admin
   *[other] default
  }): { $keywords }
feeds-line-error = ⚠️ Last error ({ $failures } in a row): { $error }
feeds-never = never
feeds-ago-minutes = { $count } min ago
feeds-ago-hours = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
  }
feeds-ago-days = { $count ->
    [one] { $count } day ago
   *[other] { $count } days ago
  }
feeds-checking = Checking { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
  }… I will write when it is done; questions are answered meanwhile.
feeds-check-title = <b>Checked { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
  }</b>
feeds-check-unchanged = { $feed }: not changed since the last check
feeds-check-error = { $feed }: ⚠️ { $error }
feeds-check-done = { $feed }: { $indexed } new, { $skipped } skipped, { $refused } refused or failed{ $deferred ->
    [0] {""}
   *[other] , { $deferred } left for the next check
  }
feeds-digest-title = <b>{ $count ->
    [one] { $count } new report
   *[other] { $count } new reports
  } from { $host }:</b>

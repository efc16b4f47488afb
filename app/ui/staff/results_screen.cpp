// See results_screen.h. The page, top to bottom: the questionnaire and period choices, a status line
// (what the figures are of, or "Computing..."), the export buttons and where the last file went, then
// the figures: outcome cards, answers per question, and where visitors stopped. Charts are drawn with
// ImDrawList. Every figure shows its n; a suppressed one says "fewer than N" instead of a value.
//
// Index
//   [SECTION] Formatting   numbers, dates, figure texts
//   [SECTION] Periods
//   [SECTION] Worker       the job that computes or exports on its own connection
//   [SECTION] Screen       choices, status, exports
//   [SECTION] Charts       meter, trend, bar rows
//   [SECTION] Figures      outcome cards, questions, drop-off
#include "ui/staff/results_screen.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <tuple>

#include "core/questionnaire_json.h"
#include "report/csv_export.h"
#include "report/json_export.h"
#include "report/summary.h"
#include "report/xlsx_export.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"
#include "ui/staff/staff_text.h"
#include "ui/staff/usb_stick.h"

namespace ik {
namespace {

using namespace std::chrono;

// A new choice waits this long for its figures before the frame is drawn: a store of a few thousand
// responses then shows its figures at once instead of after a one-frame "computing" flash. A big one
// goes on in the background; the frame after the tap is late by at most this much (under one frame
// at 60 Hz; docs/benchmarks.md section 8).
constexpr auto kQuickWait = milliseconds(15);

// [SECTION] Formatting

// Numbers as staff read them: "72%", "7.8" ("7,8" in Dutch), "+1.2", "1,234" ("1.234").
std::string Thousands(std::int64_t n) {
    return StaffThousands(n);
}

std::string Percent(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.0f%%", value);
    return text;
}

std::string OneDecimal(double value, bool sign = false) {
    return StaffDecimal(value, 1, sign);
}

bool IsShare(const std::string& type) {
    return type == "top2_share" || type == "share_yes" || type == "share_improved";
}

// A value in the indicator's units: "72%" for shares, "7.8" for means, "+1.2" for changes.
std::string ValueText(const std::string& type, double value) {
    if (IsShare(type)) return Percent(value);
    if (type == "mean_change") return OneDecimal(value, true);
    return OneDecimal(value);
}

// What a figure shows where its value would be: the value, or why there is none.
std::string FigureText(const Figure& f, const std::string& type, int minGroupSize) {
    if (f.suppressed) return StaffText("fewer than {0} answers", minGroupSize);
    if (!f.value) return StaffText("no answers");
    return ValueText(type, *f.value);
}

// A count that respects the privacy threshold: "fewer than 5" for 1-4.
std::string CountText(const Figure& f, int minGroupSize) {
    if (f.suppressed) return StaffText("fewer than {0}", minGroupSize);
    return Thousands(f.n);
}

// What an indicator measures, in words.
std::string MeasureText(const Indicator& indicator, const Question* q) {
    const std::string& type = indicator.type;
    if (type == "top2_share")
        return q && q->type == QuestionType::Likert ? StaffText("agree or strongly agree")
                                                    : StaffText("one of the two best answers");
    if (type == "share_yes") return StaffText("said yes");
    if (type == "mean") {
        if (q && q->type == QuestionType::Scale) return StaffText("mean grade ({0} to {1})", q->min, q->max);
        return StaffText("mean");
    }
    if (type == "mean_change") return StaffText("mean change, now minus before (points)");
    if (type == "share_improved") return StaffText("rate themselves higher now than before");
    return type;
}

constexpr StaffTextKey kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<year_month_day> ParseYmd(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    y = std::stoi(text.substr(0, 4));
    m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
    const year_month_day date{year{y}, month{m}, day{d}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string FormatYmd(const year_month_day& date) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

// "21 Nov 2026"
std::string HumanDate(const std::string& iso) {
    const std::optional<year_month_day> date = ParseYmd(iso);
    if (!date) return iso;
    return std::to_string(static_cast<unsigned>(date->day())) + " " +
           StaffText(kMonths[static_cast<unsigned>(date->month()) - 1]) + " " +
           std::to_string(static_cast<int>(date->year()));
}

// "2026-11" -> "Nov 2026"; "2026-W47" -> "week 47, 2026"
std::string HumanPeriod(const std::string& key) {
    if (key.size() == 7 && key[4] == '-') {
        const int m = std::atoi(key.c_str() + 5);
        if (m >= 1 && m <= 12) return std::string(StaffText(kMonths[m - 1])) + " " + key.substr(0, 4);
    }
    if (key.size() == 8 && key[5] == 'W')
        return StaffText("week {0}, {1}", std::atoi(key.c_str() + 6), key.substr(0, 4));
    return key;
}

// The Monday of ISO week "2026-W47".
std::optional<sys_days> WeekMonday(const std::string& key) {
    if (key.size() != 8 || key[4] != '-' || key[5] != 'W') return std::nullopt;
    const int y = std::atoi(key.c_str()), w = std::atoi(key.c_str() + 6);
    const sys_days jan4{year{y} / January / 4};
    const sys_days week1 = jan4 - days{weekday{jan4}.iso_encoding() - 1};
    return week1 + days{7 * (w - 1)};
}

// The periods from the first to the last with the empty ones in between (the report leaves them
// out), so a trend's time axis does not jump. Months "YYYY-MM" or ISO weeks "YYYY-Www".
std::vector<PeriodFigure> Consecutive(const std::vector<PeriodFigure>& periods, bool weeks) {
    if (periods.size() < 2) return periods;
    constexpr std::size_t kMaxPeriods = 20000; // a bad clock must not make the loop endless
    std::vector<PeriodFigure> out;
    std::size_t next = 0;
    std::string key = periods.front().period;
    const std::optional<sys_days> firstMonday = weeks ? WeekMonday(key) : std::nullopt;
    if (weeks && !firstMonday) return periods;
    sys_days monday = firstMonday.value_or(sys_days{});
    int y = std::atoi(key.c_str()), m = key.size() >= 7 ? std::atoi(key.c_str() + 5) : 1;
    while (next < periods.size() && out.size() < kMaxPeriods) {
        if (periods[next].period == key) {
            out.push_back(periods[next++]);
        } else if (periods[next].period < key) { // out of order: keep it, do not loop
            out.push_back(periods[next++]);
            continue;
        } else {
            out.push_back({key, Figure{}});
        }
        if (weeks) {
            monday += days{7};
            key = IsoWeekKey(FormatYmd(year_month_day{monday})).value_or("");
        } else {
            if (++m > 12) {
                m = 1;
                ++y;
            }
            char text[32];
            std::snprintf(text, sizeof text, "%04d-%02d", y, m);
            key = text;
        }
    }
    return out;
}

std::string LocalClockTime(WallClock::time_point t) {
    const std::time_t time = WallClock::to_time_t(t);
    std::tm local{};
    localtime_r(&time, &local);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M", &local);
    return text;
}

// The longest start of `text` (whole UTF-8 characters) that fits `width`, with "…" when cut.
std::string Elide(UiContext& ui, Weight weight, float size, const std::string& text, float width) {
    if (TextWidth(ui, weight, size, text) <= width) return text;
    std::string cut = text;
    while (!cut.empty()) {
        do
            cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
        if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
        const std::string shown = cut + "\u2026";
        if (TextWidth(ui, weight, size, shown) <= width) return shown;
    }
    return {};
}

} // namespace

// [SECTION] Periods

const char* ResultsPeriodName(ResultsPeriod period) {
    switch (period) {
    case ResultsPeriod::Last4Weeks:
        return "4_weeks";
    case ResultsPeriod::Last12Months:
        return "12_months";
    case ResultsPeriod::ThisYear:
        return "this_year";
    case ResultsPeriod::All:
        return "all";
    case ResultsPeriod::Custom:
        return "custom";
    }
    return "";
}

DateRange PeriodDates(ResultsPeriod period, const std::string& today) {
    const std::optional<year_month_day> date = ParseYmd(today);
    if (!date) return {};
    switch (period) {
    case ResultsPeriod::Last4Weeks:
        return {FormatYmd(year_month_day{sys_days{*date} - days{27}}), today};
    case ResultsPeriod::Last12Months: {
        // 29 February a year ago does not exist: start on 1 March then.
        year_month_day yearAgo = *date - years{1};
        if (!yearAgo.ok())
            yearAgo = yearAgo.year() / March / 1;
        else
            yearAgo = year_month_day{sys_days{yearAgo} + days{1}};
        return {FormatYmd(yearAgo), today};
    }
    case ResultsPeriod::ThisYear:
        return {FormatYmd(date->year() / January / 1), today};
    case ResultsPeriod::All:
    case ResultsPeriod::Custom:
        return {};
    }
    return {};
}

std::string CheckCustomRange(const DateRange& range) {
    if (!range.from.empty() && !ParseYmd(range.from))
        return StaffText("\"{0}\" is not a date like {1}", range.from, "2026-01-31");
    if (!range.to.empty() && !ParseYmd(range.to))
        return StaffText("\"{0}\" is not a date like {1}", range.to, "2026-12-31");
    if (!range.from.empty() && !range.to.empty() && range.from > range.to)
        return StaffText("the first day is after the last day");
    return {};
}

bool ResultsScreen::Choice::operator<(const Choice& other) const {
    return std::tie(questionnaireId, range.from, range.to) <
           std::tie(other.questionnaireId, other.range.from, other.range.to);
}

// [SECTION] Worker

struct ResultsScreen::Job {
    enum class Kind { Compute, Export };
    Kind kind = Kind::Compute;
    Choice choice;
    Questionnaire questionnaire; // the worker's own copy
    std::filesystem::path dbFile;
    int minGroupSize = 5;
    std::string format; // exports: "csv", "xlsx", "json"
    std::filesystem::path file;
    std::function<void()> beforeExport;

    std::atomic<bool> cancel{false};
    std::atomic<std::int64_t> progress{0};
    std::atomic<bool> done{false};
    // Written by the worker before `done` is set; read by the UI thread only after it.
    std::optional<IndicatorReport> report;
    std::int64_t exported = 0;
    std::string error;
    double seconds = 0;
};

namespace {

ResponseQuery QueryFor(const std::string& questionnaireId, const DateRange& range) {
    ResponseQuery query;
    query.questionnaireId = questionnaireId;
    if (!range.from.empty()) query.fromLocalDate = range.from;
    if (!range.to.empty()) query.toLocalDate = range.to;
    return query;
}

} // namespace

ResultsScreen::ResultsScreen(ResultsServices services) : m_services(std::move(services)) {}

ResultsScreen::~ResultsScreen() {
    StopJob();
}

bool ResultsScreen::Exporting() const {
    return m_job && m_job->kind == Job::Kind::Export;
}

void ResultsScreen::StopJob() {
    if (m_job) m_job->cancel = true;
    if (m_worker.joinable()) m_worker.join();
    m_job.reset();
}

void ResultsScreen::StartJob(std::shared_ptr<Job> job) {
    StopJob();
    m_job = std::move(job);
    m_shownProgress = -1;
    // The worker touches nothing of ImGui or the UI's connection: it opens its own.
    m_worker = std::thread([job = m_job] {
        const auto start = steady_clock::now();
        Result<std::unique_ptr<Database>> db = Database::Open(job->dbFile);
        if (!db) {
            job->error = db.error();
        } else {
            ResponseStore responses(**db);
            const ResponseQuery query = QueryFor(job->choice.questionnaireId, job->choice.range);
            if (job->kind == Job::Kind::Compute) {
                IndicatorOptions options;
                options.minGroupSize = job->minGroupSize;
                Result<IndicatorReport> report = ComputeIndicatorsFromStore(
                    responses, job->questionnaire, query, options, [&job](std::int64_t read) {
                        job->progress = read;
                        return !job->cancel.load();
                    });
                if (report)
                    job->report = std::move(*report);
                else
                    job->error = report.error();
            } else {
                if (job->beforeExport) job->beforeExport();
                QuestionnaireStore questionnaires(**db);
                Result<long> written = Error{"unknown format " + job->format};
                if (job->format == "csv") {
                    written = ExportResponsesCsv(responses, questionnaires, query, CsvOptions{}, job->file);
                } else if (job->format == "xlsx") {
                    XlsxOptions options;
                    options.indicators.minGroupSize = job->minGroupSize;
                    written = ExportResponsesXlsx(responses, questionnaires, query, options, job->file);
                } else if (job->format == "json") {
                    written = ExportResponsesJson(responses, query, job->file);
                }
                if (written)
                    job->exported = *written;
                else
                    job->error = written.error();
            }
        }
        job->seconds = duration<double>(steady_clock::now() - start).count();
        job->done.store(true, std::memory_order_release);
    });
    // See kQuickWait.
    const auto until = steady_clock::now() + kQuickWait;
    while (!m_job->done.load(std::memory_order_acquire) && steady_clock::now() < until)
        std::this_thread::sleep_for(milliseconds(1));
    Poll();
}

bool ResultsScreen::Poll() {
    if (!m_job) return false;
    if (!m_job->done.load(std::memory_order_acquire)) {
        // Progress is shown in steps of 10,000, so a redraw means something changed on screen.
        const std::int64_t shown = m_job->progress.load() / 10000;
        if (shown == m_shownProgress) return false;
        m_shownProgress = shown;
        return true;
    }
    m_worker.join();
    const std::shared_ptr<Job> job = std::move(m_job);
    m_job.reset();
    if (job->kind == Job::Kind::Compute) {
        if (job->report) {
            m_computed[job->choice] = {std::move(*job->report), job->seconds,
                                       LocalClockTime(m_services.wallNow())};
            m_problem.clear();
        } else if (!job->cancel) {
            m_problem = StaffText("The figures could not be computed: {0}", StaffMessage(job->error));
            std::fprintf(stderr, "impactkiosk: results: %s\n", job->error.c_str());
        }
        return true;
    }
    m_exportFailed = !job->error.empty();
    m_revealNotice = true;
    if (m_exportFailed) {
        m_exportNotice = StaffText("Not saved: {0}", StaffMessage(job->error));
        std::fprintf(stderr, "impactkiosk: results: export failed: %s\n", job->error.c_str());
    } else {
        const bool onStick = job->file.parent_path() != m_services.exportDir;
        const std::string count = StaffCount(job->exported, "{0} response", "{0} responses");
        m_exportNotice = onStick
                             ? StaffText("Saved {0} to {1}", count, job->file.string())
                             : StaffText("Saved {0} to {1}  (no USB stick found: this is the kiosk's export "
                                         "folder)",
                                         count, job->file.string());
        if (m_services.audit)
            m_services.audit("exported results (" + job->format + ", " + std::to_string(job->exported) +
                             " responses) to " + job->file.string());
    }
    return true;
}

// [SECTION] Screen

void ResultsScreen::Open(const std::string& activeQuestionnaire) {
    m_questionnaires.clear();
    if (m_services.db) {
        Result<std::vector<QuestionnaireInfo>> list = QuestionnaireStore(*m_services.db).List();
        if (!list) {
            m_problem = StaffText("The questionnaires could not be listed: {0}", StaffMessage(list.error()));
        } else {
            // One choice per questionnaire id: its versions share question ids, and the figures
            // span them (the newest version's title).
            for (const QuestionnaireInfo& info : *list) {
                if (m_questionnaires.empty() || m_questionnaires.back().id != info.id)
                    m_questionnaires.push_back({info.id, info.title, 0});
                m_questionnaires.back().title = info.title.empty() ? info.id : info.title;
                m_questionnaires.back().responses += info.responseCount;
            }
        }
    }
    Choice choice = m_choice;
    if (choice.questionnaireId.empty()) {
        choice.questionnaireId = activeQuestionnaire;
        if (choice.questionnaireId.empty() && !m_questionnaires.empty())
            choice.questionnaireId = m_questionnaires.front().id;
    }
    if (choice.period != ResultsPeriod::Custom)
        choice.range = PeriodDates(choice.period, LocalDate(m_services.wallNow()));
    m_computed.clear(); // answers may have come in since the last visit
    Choose(std::move(choice));
}

const Questionnaire* ResultsScreen::Definition(const std::string& id) {
    if (auto it = m_definitions.find(id); it != m_definitions.end()) return &it->second;
    if (!m_services.db) return nullptr;
    Result<std::optional<Questionnaire>> q = QuestionnaireStore(*m_services.db).Load(id);
    if (!q || !*q) {
        m_problem = q ? StaffText("Could not load questionnaire {0}", id)
                      : StaffText("Could not load questionnaire {0}: {1}", id, StaffMessage(q.error()));
        return nullptr;
    }
    return &m_definitions.emplace(id, std::move(**q)).first->second;
}

void ResultsScreen::Choose(Choice choice) {
    m_choice = std::move(choice);
    m_problem.clear();
    if (m_job && m_job->kind == Job::Kind::Compute) StopJob(); // no longer wanted
    if (m_choice.questionnaireId.empty() || m_computed.count(m_choice)) return;
    StartCompute();
}

void ResultsScreen::StartCompute() {
    const Questionnaire* q = Definition(m_choice.questionnaireId);
    if (!q || !m_services.db) return;
    auto job = std::make_shared<Job>();
    job->kind = Job::Kind::Compute;
    job->choice = m_choice;
    job->questionnaire = *q;
    job->dbFile = m_services.db->Path();
    job->minGroupSize = m_services.minGroupSize;
    StartJob(std::move(job));
}

void ResultsScreen::StartExport(const std::string& format) {
    if (!m_services.db || !m_services.exportFolder) return;
    const std::string today = LocalDate(m_services.wallNow());
    const DateRange& r = m_choice.range;
    const std::string name = m_choice.questionnaireId + "_" +
                             (r.from.empty() && r.to.empty() ? "all_" + today
                                                             : (r.from.empty() ? "start" : r.from) + "_" +
                                                                   (r.to.empty() ? today : r.to));
    auto job = std::make_shared<Job>();
    job->kind = Job::Kind::Export;
    job->choice = m_choice;
    job->dbFile = m_services.db->Path();
    job->minGroupSize = m_services.minGroupSize;
    job->format = format;
    job->file = UniqueFile(m_services.exportFolder(), name, format);
    job->beforeExport = m_services.beforeExport;
    m_exportNotice = StaffText("Saving to {0} …", job->file.string());
    m_exportFailed = false;
    m_revealNotice = true;
    StartJob(std::move(job));
}

std::string ResultsScreen::PeriodText() const {
    const DateRange& r = m_choice.range;
    std::string name;
    switch (m_choice.period) {
    case ResultsPeriod::Last4Weeks:
        name = StaffText("Last 4 weeks");
        break;
    case ResultsPeriod::Last12Months:
        name = StaffText("Last 12 months");
        break;
    case ResultsPeriod::ThisYear:
        name = StaffText("This year");
        break;
    case ResultsPeriod::All:
        return StaffText("All responses");
    case ResultsPeriod::Custom:
        name = StaffText("Chosen dates");
        break;
    }
    if (r.from.empty() && r.to.empty()) return StaffText("{0} (all dates)", name);
    return StaffText("{0} ({1} to {2})", name,
                     r.from.empty() ? StaffText("first response") : HumanDate(r.from),
                     r.to.empty() ? StaffText("today") : HumanDate(r.to));
}

namespace {

// One of several choices: filled when chosen (and `selected` in the dump), outlined otherwise.
bool ChoiceButton(StaffFlow& flow, const std::string& id, const std::string& label, bool selected,
                  bool enabled, int slot, int count) {
    const Metrics& m = flow.ui.metrics;
    const ImVec2 pos(flow.SlotX(slot, count), flow.y);
    const ImVec2 size(flow.SlotWidth(count), flow.RowHeight());
    const TapState tap = TapTarget(flow.ui, id, label, "button", pos, size, enabled, selected);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImU32 text = colors::kAccent;
    if (selected) {
        draw->AddRectFilled(pos, max, tap.held ? colors::kAccentPressed : colors::kAccent, m.rounding);
        text = colors::kOnAccent;
    } else {
        draw->AddRectFilled(pos, max, tap.held ? colors::kTilePressed : colors::kTile, m.rounding);
        draw->AddRect(pos, max, enabled ? colors::kAccent : colors::kDisabled, m.rounding, 0, 3 * m.unit);
        if (!enabled) text = colors::kDisabled;
    }
    const float pad = std::min(m.gap, size.x * 0.1f);
    const float fontSize = FitTextSize(flow.ui, flow.ui.fonts.body, std::min(m.bodySize, size.y * 0.45f),
                                       m.smallSize * 0.6f, label, size.x - 2 * pad, size.y);
    const float height = WrappedHeight(flow.ui, flow.ui.fonts.body, fontSize, label, size.x - 2 * pad);
    DrawWrappedText(flow.ui, draw, flow.ui.fonts.body, fontSize,
                    ImVec2(pos.x + pad, pos.y + (size.y - height) * 0.5f), size.x - 2 * pad, label, text);
    if (slot == count - 1) flow.EndRow();
    return tap.clicked;
}

// Rows of "label  [bar]  value". Side by side when the label column gets room for about 20
// characters; otherwise (a portrait screen) the label takes its own line over the bar, so that
// neither the words nor the bars shrink to nothing.
struct BarRows {
    bool stacked = false;
    float labelW = 0, barX = 0, barW = 0, rowH = 0;
    float labelDy = 0, barDy = 0, barH = 0; // within a row

    BarRows(const Metrics& m, UiContext& ui, Weight weight, float text, float x, float innerW, float valueW,
            float labelShare, float lineFactor) {
        const float line = std::max(text * lineFactor, 26 * m.unit);
        labelW = std::min(innerW * labelShare, 480 * m.unit);
        stacked = labelW < TextWidth(ui, weight, text, "abcdefghijklmnopqrst");
        if (stacked) {
            labelW = innerW;
            barX = x;
            barW = std::max(10.0f, innerW - valueW - m.gap);
            rowH = text * 1.2f + line + text * 0.45f; // a gap so each label sits with its own bar
            labelDy = 0;
            barH = line * 0.62f;
            barDy = text * 1.2f + (line - barH) * 0.5f;
        } else {
            barX = x + labelW + m.gap * 0.5f;
            barW = std::max(10.0f, innerW - labelW - valueW - m.gap * 1.5f);
            rowH = line;
            labelDy = (line - text) * 0.5f;
            barH = line * 0.62f;
            barDy = (line - barH) * 0.5f;
        }
    }
    // Where the value text goes, right of the bar and level with it.
    float ValueDy(float text) const { return barDy + (barH - text) * 0.5f; }
};

// Text registered in the dump while its top is in view (a tall chart block need not fit the
// screen to be found); the rectangle is cut at the visible area's edge.
void DumpBlock(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 lo = draw->GetClipRectMin(), hi = draw->GetClipRectMax();
    if (pos.y < lo.y - 1 || pos.y > hi.y - 1) return;
    const float h = std::min(size.y, hi.y - pos.y);
    ui.dump.Add({id, label, "text", pos.x, pos.y, size.x, h, true, false});
}

} // namespace

ResultsScreen::Action ResultsScreen::Draw(UiContext& ui, KeyboardState& keyboard) {
    Poll();
    FormPage form(ui, keyboard, StaffText("Results"), "exports", StaffText("Export"));
    if (form.Back()) return Action::Back;
    // The exports are at the end of the page; this brings them into view from anywhere.
    if (form.Action()) m_jumpToExports = true;
    StaffFlow& flow = form.Begin();

    DrawChoices(flow, keyboard);
    const bool computing = m_job && m_job->kind == Job::Kind::Compute;
    const auto computed = m_computed.find(m_choice);
    std::string status;
    ImU32 statusColor = colors::kText;
    if (m_questionnaires.empty()) {
        status = StaffText("There are no questionnaires on this kiosk yet.");
    } else if (computing) {
        const std::int64_t read = m_job->progress.load();
        status = read > 0 ? StaffText("{0}: computing the figures… {1} responses read so far.", PeriodText(),
                                      Thousands(read / 10000 * 10000))
                          : StaffText("{0}: computing the figures…", PeriodText());
    } else if (!m_problem.empty()) {
        status = m_problem;
        statusColor = colors::kWarning;
    } else if (computed != m_computed.end()) {
        const Computed& c = computed->second;
        status = StaffText("{0}: {1}. Computed at {2} in {3} s.", PeriodText(),
                           StaffCount(c.report.counts.total.n, "{0} response", "{0} responses"), c.computedAt,
                           OneDecimal(c.seconds));
    }
    flow.Text(status, "results_status", statusColor);
    if (!computing && computed != m_computed.end()) DrawFigures(flow, computed->second);
    DrawExports(flow);

    form.End();
    return Action::None;
}

void ResultsScreen::DrawChoices(StaffFlow& flow, KeyboardState& keyboard) {
    const Metrics& m = flow.ui.metrics;
    const bool exporting = m_job && m_job->kind == Job::Kind::Export;
    if (m_questionnaires.size() > 1 || m_choice.questionnaireId.empty()) {
        const int perRow = m.portrait ? 1 : 2;
        const int count = static_cast<int>(m_questionnaires.size());
        for (int i = 0; i < count; ++i) {
            const QuestionnaireChoice& q = m_questionnaires[static_cast<std::size_t>(i)];
            const int slot = i % perRow;
            const int inRow = std::min(perRow, count - (i - slot));
            if (ChoiceButton(flow, "results_questionnaire:" + q.id,
                             q.title + "  (" + Thousands(q.responses) + ")", q.id == m_choice.questionnaireId,
                             !exporting, slot, inRow)) {
                Choice next = m_choice;
                next.questionnaireId = q.id;
                Choose(std::move(next));
            }
        }
    } else if (!m_questionnaires.empty()) {
        // One questionnaire: nothing to choose; its title, with the id for tests and scripts.
        const QuestionnaireChoice& q = m_questionnaires.front();
        const float h = DrawWrappedText(flow.ui, ImGui::GetWindowDrawList(), flow.ui.fonts.title, m.bodySize,
                                        ImVec2(flow.x, flow.y), flow.w, q.title, colors::kText, Align::Start);
        DumpBlock(flow.ui, "results_questionnaire:" + q.id, q.title, ImVec2(flow.x, flow.y),
                  ImVec2(flow.w, h));
        flow.y += h + m.gap * 0.5f;
    }

    struct PeriodChoice {
        ResultsPeriod period;
        StaffTextKey label;
    };
    static constexpr PeriodChoice kPeriods[] = {{ResultsPeriod::Last4Weeks, "Last 4 weeks"},
                                                {ResultsPeriod::Last12Months, "Last 12 months"},
                                                {ResultsPeriod::ThisYear, "This year"},
                                                {ResultsPeriod::All, "All"},
                                                {ResultsPeriod::Custom, "Dates…"}};
    // Five in a row where they fit; a narrow portrait screen takes two rows (3 + 2).
    const bool twoRows = flow.SlotWidth(5) < 170 * m.unit;
    for (int i = 0; i < 5; ++i) {
        const auto [period, label] = kPeriods[i];
        const int slot = twoRows ? (i < 3 ? i : i - 3) : i;
        const int inRow = twoRows ? (i < 3 ? 3 : 2) : 5;
        const bool chosen = period == ResultsPeriod::Custom ? m_customOpen || m_choice.period == period
                                                            : m_choice.period == period && !m_customOpen;
        if (!ChoiceButton(flow, std::string("period:") + ResultsPeriodName(period), StaffText(label), chosen,
                          !exporting, slot, inRow))
            continue;
        if (period == ResultsPeriod::Custom) {
            m_customOpen = true;
            m_customProblem.clear();
            if (m_customText.empty())
                m_customText = {{"from", m_choice.range.from}, {"to", m_choice.range.to}};
            continue;
        }
        m_customOpen = false;
        keyboard.Blur();
        Choice next = m_choice;
        next.period = period;
        next.range = PeriodDates(period, LocalDate(m_services.wallNow()));
        Choose(std::move(next));
    }
    if (!m_customOpen) return;
    flow.Field("period_from", StaffText("First day (YYYY-MM-DD, empty: from the start)"),
               m_customText["from"], m_customProblem, 0, 2);
    flow.Field("period_to", StaffText("Last day (YYYY-MM-DD, empty: until today)"), m_customText["to"], {}, 1,
               2);
    if (flow.Button("period_apply", StaffText("Show these dates"), ButtonStyle::Primary, !exporting)) {
        const DateRange range{m_customText["from"], m_customText["to"]};
        m_customProblem = CheckCustomRange(range);
        if (m_customProblem.empty()) {
            keyboard.Blur();
            m_customOpen = false;
            Choice next = m_choice;
            next.period = ResultsPeriod::Custom;
            next.range = range;
            Choose(std::move(next));
        }
    }
}

void ResultsScreen::DrawExports(StaffFlow& flow) {
    const bool enabled = !m_job && !m_choice.questionnaireId.empty();
    if (m_jumpToExports) {
        ImGui::SetScrollY(ImGui::GetScrollY() + (flow.y - ImGui::GetWindowPos().y) - flow.ui.metrics.gap);
        m_jumpToExports = false;
    }
    flow.Heading(StaffText("Export"), "heading:export");
    struct Format {
        const char* name;
        StaffTextKey label;
    };
    static constexpr Format kFormats[] = {
        {"csv", "Save as CSV"}, {"xlsx", "Save as Excel (XLSX)"}, {"json", "Save as JSON"}};
    for (int i = 0; i < 3; ++i)
        if (flow.Button(std::string("export:") + kFormats[i].name, StaffText(kFormats[i].label),
                        ButtonStyle::Secondary, enabled, i, 3))
            StartExport(kFormats[i].name);
    flow.EndRow();
    if (!m_exportNotice.empty()) {
        flow.Text(m_exportNotice, "export_notice", m_exportFailed ? colors::kWarning : colors::kAccent);
        // Staff must see where the file went without scrolling: on a tall page the notice falls
        // below the buttons they just tapped.
        const float below =
            flow.y + flow.ui.metrics.gap - (ImGui::GetWindowPos().y + ImGui::GetWindowHeight());
        if (m_revealNotice && below > 0) ImGui::SetScrollY(ImGui::GetScrollY() + below);
        m_revealNotice = false;
    } else
        flow.Text(
            StaffText("The responses of this questionnaire and period, one row per response. They go to a "
                      "USB stick when one is in, else to {0}.",
                      m_services.exportDir.string()),
            "export_hint", colors::kMuted);
}

// [SECTION] Charts

namespace {

// The value range a chart of this indicator shows.
struct Axis {
    double lo = 0, hi = 100;
    double Fraction(double v) const { return hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.0; }
};

Axis AxisFor(const IndicatorFigures& ind, const Question* q) {
    const std::string& type = ind.indicator.type;
    if (IsShare(type)) return {0, 100};
    Axis axis{0, 1};
    if (q && (q->type == QuestionType::Scale || q->type == QuestionType::ThenNow) && type == "mean")
        return {static_cast<double>(std::min(q->min, 0)), static_cast<double>(q->max)};
    if (q && HasOptions(q->type) && type == "mean") {
        // Likert or smiley with number codes: the codes' range.
        double hi = 1;
        for (const Option& o : q->options)
            hi = std::max(hi, std::atof(o.code.c_str()));
        return {0, hi};
    }
    double extent = 1;
    auto widen = [&extent](const Figure& f) {
        if (f.value) extent = std::max(extent, std::abs(*f.value));
    };
    widen(ind.figure);
    for (const PeriodFigure& p : ind.byMonth)
        widen(p.figure);
    if (ind.indicator.target) extent = std::max(extent, std::abs(*ind.indicator.target));
    extent *= 1.15;
    if (type == "mean_change") return {-extent, extent};
    axis.hi = extent;
    return axis;
}

// A horizontal bar from the axis' start to the value, with the 95% interval as an error bar and the
// target as a tick.
void DrawMeter(ImDrawList* draw, const Metrics& m, ImVec2 pos, ImVec2 size, const Axis& axis, const Figure& f,
               std::optional<double> target) {
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), colors::kProgressTrack, size.y * 0.3f);
    auto xOf = [&](double v) { return pos.x + static_cast<float>(axis.Fraction(v)) * size.x; };
    if (f.value) {
        const float x0 = xOf(std::max(axis.lo, 0.0)), x1 = xOf(*f.value);
        draw->AddRectFilled(ImVec2(std::min(x0, x1), pos.y), ImVec2(std::max(x0, x1), pos.y + size.y),
                            colors::kAccent, size.y * 0.3f);
    }
    const float thick = std::max(2.0f, 3 * m.unit);
    if (f.low && f.high) {
        const float y = pos.y + size.y * 0.5f, lo = xOf(*f.low), hi = xOf(*f.high);
        const float tick = size.y * 0.35f;
        draw->AddLine(ImVec2(lo, y), ImVec2(hi, y), colors::kText, thick);
        draw->AddLine(ImVec2(lo, y - tick), ImVec2(lo, y + tick), colors::kText, thick);
        draw->AddLine(ImVec2(hi, y - tick), ImVec2(hi, y + tick), colors::kText, thick);
    }
    if (target) {
        const float x = xOf(*target);
        draw->AddLine(ImVec2(x, pos.y - size.y * 0.3f), ImVec2(x, pos.y + size.y * 1.3f), colors::kWarning,
                      thick * 1.5f);
    }
}

// Bars per period (oldest left), with the interval as error bars and the target as a line. Periods
// below the privacy threshold are grey outlines without a value. Its words (caption, first and last
// period, legend) go into the dump as `id`. Returns the height used.
float DrawTrend(UiContext& ui, const std::string& id, ImVec2 pos, float width, const IndicatorFigures& ind,
                const Axis& axis, bool weeks, int minGroupSize) {
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::vector<PeriodFigure> all = Consecutive(weeks ? ind.byWeek : ind.byMonth, weeks);
    const float text = m.smallSize * 0.85f;
    float y = pos.y;
    const float minSlot = std::max(14.0f, 26 * m.unit);
    const std::size_t fit = std::max<std::size_t>(1, static_cast<std::size_t>(width / minSlot));
    const std::size_t shown = std::min(all.size(), std::min<std::size_t>(fit, 24));
    std::string caption = weeks ? StaffText("By week") : StaffText("By month");
    if (shown < all.size())
        caption = weeks ? StaffText("By week, the last {0} of {1}", shown, all.size())
                        : StaffText("By month, the last {0} of {1}", shown, all.size());
    y += DrawWrappedText(ui, draw, ui.fonts.small, text, ImVec2(pos.x, y), width, caption, colors::kMuted,
                         Align::Start);
    if (all.empty()) {
        const char* none = StaffText("no answers in this period");
        y += DrawWrappedText(ui, draw, ui.fonts.small, text, ImVec2(pos.x, y), width, none, colors::kMuted,
                             Align::Start);
        DumpBlock(ui, id, caption + ": " + none, pos, ImVec2(width, y - pos.y));
        return y - pos.y;
    }
    const float labelW =
        TextWidth(ui, ui.fonts.small, text, IsShare(ind.indicator.type) ? "100%" : "10.0") + m.gap * 0.5f;
    const float chartH = std::max(110.0f * m.unit, m.minTarget * 1.6f);
    const ImVec2 c0(pos.x + labelW, y + text * 0.5f);
    const ImVec2 c1(pos.x + width, c0.y + chartH);
    auto yOf = [&](double v) { return c1.y - static_cast<float>(axis.Fraction(v)) * chartH; };
    // Axis: the top and bottom values, and a base line.
    DrawTextLine(ui, draw, ui.fonts.small, text, ImVec2(pos.x, c0.y - text * 0.5f), colors::kMuted,
                 ValueText(ind.indicator.type, axis.hi).c_str());
    DrawTextLine(ui, draw, ui.fonts.small, text, ImVec2(pos.x, c1.y - text * 0.5f), colors::kMuted,
                 ValueText(ind.indicator.type, axis.lo).c_str());
    draw->AddLine(ImVec2(c0.x, c0.y), ImVec2(c1.x, c0.y), colors::kProgressTrack, 1.0f);
    const float base = yOf(std::max(axis.lo, 0.0));
    const float slot = (c1.x - c0.x) / static_cast<float>(shown);
    const float bar = slot * 0.7f;
    const float thick = std::max(1.5f, 2.5f * m.unit);
    bool anySuppressed = false;
    for (std::size_t i = 0; i < shown; ++i) {
        const PeriodFigure& p = all[all.size() - shown + i];
        const float x = c0.x + slot * static_cast<float>(i) + (slot - bar) * 0.5f;
        if (p.figure.suppressed) {
            anySuppressed = true;
            draw->AddRect(ImVec2(x, c0.y + chartH * 0.55f), ImVec2(x + bar, c1.y), colors::kDisabled, 0, 0,
                          thick);
            continue;
        }
        if (!p.figure.value) continue;
        const float top = yOf(*p.figure.value);
        draw->AddRectFilled(ImVec2(x, std::min(top, base)), ImVec2(x + bar, std::max(top, base)),
                            colors::kAccent);
        if (p.figure.low && p.figure.high) {
            const float cx = x + bar * 0.5f, lo = yOf(*p.figure.low), hi = yOf(*p.figure.high);
            const float tick = std::min(bar * 0.3f, 8 * m.unit);
            draw->AddLine(ImVec2(cx, lo), ImVec2(cx, hi), colors::kText, thick);
            draw->AddLine(ImVec2(cx - tick, lo), ImVec2(cx + tick, lo), colors::kText, thick);
            draw->AddLine(ImVec2(cx - tick, hi), ImVec2(cx + tick, hi), colors::kText, thick);
        }
    }
    draw->AddLine(ImVec2(c0.x, base), ImVec2(c1.x, base), colors::kText, thick);
    if (ind.indicator.target) {
        const float ty = yOf(*ind.indicator.target);
        draw->AddLine(ImVec2(c0.x, ty), ImVec2(c1.x, ty), colors::kWarning, thick * 1.3f);
    }
    y = c1.y + m.gap * 0.3f;
    // The first and last period under the chart.
    const std::string first = HumanPeriod(all[all.size() - shown].period);
    const std::string last = HumanPeriod(all.back().period);
    DrawTextLine(ui, draw, ui.fonts.small, text, ImVec2(c0.x, y), colors::kMuted, first.c_str());
    if (shown > 1) {
        const float lw = TextWidth(ui, ui.fonts.small, text, last.c_str());
        const float fw = TextWidth(ui, ui.fonts.small, text, first.c_str());
        if (c0.x + fw + m.gap < c1.x - lw)
            DrawTextLine(ui, draw, ui.fonts.small, text, ImVec2(c1.x - lw, y), colors::kMuted, last.c_str());
    }
    y += text * 1.3f;
    std::vector<std::string> legend;
    if (ind.indicator.target) legend.push_back(StaffText("Red line: the target."));
    if (anySuppressed)
        legend.push_back(StaffText("Grey outline: fewer than {0} answers, not shown.", minGroupSize));
    if (IsShare(ind.indicator.type)) legend.push_back(StaffText("Black lines: 95% interval."));
    std::string legendText;
    for (const std::string& line : legend)
        legendText += (legendText.empty() ? "" : " ") + line;
    if (!legendText.empty())
        y += DrawWrappedText(ui, draw, ui.fonts.small, text, ImVec2(pos.x, y), width, legendText,
                             colors::kMuted, Align::Start);
    DumpBlock(ui, id,
              StaffText("{0}: {1} to {2}.", caption, first, last) +
                  (legendText.empty() ? "" : " " + legendText),
              pos, ImVec2(width, y - pos.y));
    return y - pos.y;
}

// A card: the content is drawn first (in channel 1), then its background behind it, once its
// height is known.
struct Card {
    ImDrawList* draw;
    ImVec2 pos;
    float width;
    float pad;
    Card(ImDrawList* d, ImVec2 p, float w, float padding) : draw(d), pos(p), width(w), pad(padding) {
        draw->ChannelsSplit(2);
        draw->ChannelsSetCurrent(1);
    }
    float Finish(float contentBottom, const Metrics& m) {
        const float bottom = contentBottom + pad;
        draw->ChannelsSetCurrent(0);
        draw->AddRectFilled(pos, ImVec2(pos.x + width, bottom), colors::kTile, m.rounding * 0.5f);
        draw->AddRect(pos, ImVec2(pos.x + width, bottom), colors::kTileBorder, m.rounding * 0.5f, 0,
                      1.5f * m.unit);
        draw->ChannelsMerge();
        return bottom - pos.y;
    }
};

} // namespace

// [SECTION] Figures

void ResultsScreen::DrawFigures(StaffFlow& flow, const Computed& computed) {
    const Questionnaire* q = Definition(m_choice.questionnaireId);
    if (!q) return;
    const IndicatorReport& report = computed.report;
    const int k = report.minGroupSize;
    const CountFigures& counts = report.counts;
    auto status = [&](const char* name) {
        const auto it = counts.byStatus.find(name);
        return it == counts.byStatus.end() ? std::string("0") : CountText(it->second, k);
    };
    std::string line = StaffText("{0} responses: {1} completed, {2} stopped before the end",
                                 CountText(counts.total, k), status("completed"), status("abandoned"));
    if (counts.byStatus.count("in_progress"))
        line += StaffText(", {0} still in progress", status("in_progress"));
    std::string languages;
    for (const auto& [lang, figure] : counts.byLanguage)
        languages += (languages.empty() ? "" : ", ") + lang + " " + CountText(figure, k);
    if (!languages.empty()) line += StaffText(". Languages: {0}", languages);
    flow.Text(line + ".", "results_counts");
    flow.Text(
        StaffText("n: the number of answers a figure is based on. Figures from fewer than {0} answers are "
                  "not shown (privacy).",
                  k),
        "results_n_hint", colors::kMuted);
    flow.Space(0.5f);
    if (counts.total.n == 0) {
        flow.Text(StaffText("No responses in this period."), "no_responses", colors::kMuted);
        return;
    }
    DrawOutcomes(flow, report, *q);
    DrawQuestions(flow, report, *q);
    DrawDropOff(flow, report, *q);
}

void ResultsScreen::DrawOutcomes(StaffFlow& flow, const IndicatorReport& report, const Questionnaire& q) {
    if (report.indicators.empty()) return;
    UiContext& ui = flow.ui;
    const Metrics& m = ui.metrics;
    const int k = report.minGroupSize;
    const std::string& lang = q.DefaultLanguage();
    flow.Heading(StaffText("Outcomes"), "heading:outcomes");
    const bool weeks = report.counts.byMonth.size() <= 3;
    const bool wide = flow.w >= 900 * m.unit;
    std::map<std::string, int> seen; // indicators per outcome so far
    for (const IndicatorFigures& ind : report.indicators) {
        const int index = ++seen[ind.outcomeId];
        const std::string id = "outcome:" + ind.outcomeId + (index > 1 ? ":" + std::to_string(index) : "");
        const Outcome* outcome = nullptr;
        for (const Outcome& o : q.outcomes)
            if (o.id == ind.outcomeId) outcome = &o;
        const Question* question = q.FindQuestion(ind.indicator.question);
        const std::string& type = ind.indicator.type;
        const Figure& f = ind.figure;

        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float pad = m.gap;
        Card card(draw, ImVec2(flow.x, flow.y), flow.w, pad);
        const float innerW = flow.w - 2 * pad;
        const float textW = wide ? innerW * 0.45f : innerW;
        const ImVec2 p0(flow.x + pad, flow.y + pad);
        float y = p0.y;
        const std::string title = outcome ? PickText(outcome->label, lang) : ind.outcomeId;
        y += DrawWrappedText(ui, draw, ui.fonts.title, m.bodySize, ImVec2(p0.x, y), textW, title,
                             colors::kText, Align::Start);
        const std::string measure =
            MeasureText(ind.indicator, question) +
            (question ? ": " + std::string(PickText(question->label, lang)) : std::string());
        y += DrawWrappedText(ui, draw, ui.fonts.small, m.smallSize * 0.85f, ImVec2(p0.x, y), textW, measure,
                             colors::kMuted, Align::Start);
        y += m.gap * 0.4f;
        // The value, big; or why there is none, in words.
        const std::string value = FigureText(f, type, k);
        const bool big = f.HasValue();
        const float valueSize = big ? m.titleSize : m.bodySize;
        const float valueW = TextWidth(ui, ui.fonts.title, valueSize, value.c_str());
        if (big)
            DrawTextLine(ui, draw, ui.fonts.title, valueSize, ImVec2(p0.x, y), colors::kText, value.c_str());
        else
            DrawWrappedText(ui, draw, ui.fonts.body, valueSize, ImVec2(p0.x, y), textW, value, colors::kMuted,
                            Align::Start);
        std::string targetText;
        if (ind.indicator.target) {
            targetText = StaffText("target {0}", ValueText(type, *ind.indicator.target));
            const float tx = p0.x + (big ? valueW + m.gap * 1.5f : 0);
            const float ty = big ? y + (valueSize - m.bodySize) * 0.5f : y + valueSize * 1.3f;
            float x = tx;
            DrawTextLine(ui, draw, ui.fonts.body, m.bodySize, ImVec2(x, ty), colors::kText,
                         targetText.c_str());
            x += TextWidth(ui, ui.fonts.body, m.bodySize, targetText.c_str()) + m.gap;
            if (ind.targetMet) {
                const float mark = m.bodySize * 0.8f;
                const ImVec2 c(x + mark * 0.5f, ty + m.bodySize * 0.5f);
                const ImU32 color = *ind.targetMet ? colors::kFace[4] : colors::kWarning;
                if (*ind.targetMet)
                    DrawCheckMark(draw, c, mark, color, 4 * m.unit);
                else
                    DrawCross(draw, c, mark * 0.8f, color, 4 * m.unit);
                const char* word = *ind.targetMet ? StaffText("met") : StaffText("not met");
                DrawTextLine(ui, draw, ui.fonts.title, m.bodySize, ImVec2(x + mark + m.gap * 0.4f, ty),
                             colors::kText, word);
                targetText += std::string(", ") + word;
            }
            if (!big) y += valueSize * 1.3f;
        }
        y += valueSize * 1.25f;
        std::string detail = "n = " + Thousands(f.n);
        if (f.low && f.high)
            detail += "   " +
                      StaffText("95% interval {0} to {1}", ValueText(type, *f.low), ValueText(type, *f.high));
        else if (f.spread)
            detail += "   " + StaffText("spread (sd) {0}", OneDecimal(*f.spread));
        y += DrawWrappedText(ui, draw, ui.fonts.small, m.smallSize, ImVec2(p0.x, y), textW, detail,
                             colors::kText, Align::Start);
        const Axis axis = AxisFor(ind, question);
        if (f.HasValue() || ind.indicator.target) {
            y += m.gap * 0.6f;
            const float meterH = std::max(12.0f, 20 * m.unit);
            DrawMeter(draw, m, ImVec2(p0.x, y), ImVec2(textW, meterH), axis, f, ind.indicator.target);
            y += meterH * 1.3f + m.gap * 0.3f;
        }
        float bottom = y;
        if (wide) {
            const float cx = p0.x + textW + m.gap * 2;
            bottom = std::max(bottom, p0.y + DrawTrend(ui, id + ":trend", ImVec2(cx, p0.y),
                                                       p0.x + innerW - cx, ind, axis, weeks, k));
        } else {
            bottom += m.gap * 0.5f;
            bottom += DrawTrend(ui, id + ":trend", ImVec2(p0.x, bottom), innerW, ind, axis, weeks, k);
        }
        const float height = card.Finish(bottom, m);
        std::string label = title + ": " + MeasureText(ind.indicator, question) + " " + value +
                            (targetText.empty() ? "" : ", " + targetText) + ", n = " + Thousands(f.n);
        if (f.low && f.high)
            label += ", " +
                     StaffText("95% interval {0} to {1}", ValueText(type, *f.low), ValueText(type, *f.high));
        else if (f.spread)
            label += ", " + StaffText("spread (sd) {0}", OneDecimal(*f.spread));
        DumpBlock(ui, id, label, ImVec2(flow.x, flow.y), ImVec2(flow.w, height));
        flow.y += height + m.gap;
    }
    flow.Space();
}

void ResultsScreen::DrawQuestions(StaffFlow& flow, const IndicatorReport& report, const Questionnaire& q) {
    UiContext& ui = flow.ui;
    const Metrics& m = ui.metrics;
    const int k = report.minGroupSize;
    const std::string& lang = q.DefaultLanguage();
    flow.Heading(StaffText("Answers per question"), "heading:questions");
    int number = 0;
    for (const QuestionFigures& qf : report.questions) {
        ++number;
        const Question* question = q.FindQuestion(qf.questionId);
        if (!question) continue;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float pad = m.gap;
        Card card(draw, ImVec2(flow.x, flow.y), flow.w, pad);
        const float innerW = flow.w - 2 * pad;
        const ImVec2 p0(flow.x + pad, flow.y + pad);
        float y = p0.y;
        const std::string title = std::to_string(number) + ". " + PickText(question->label, lang);
        y += DrawWrappedText(ui, draw, ui.fonts.title, m.bodySize, ImVec2(p0.x, y), innerW, title,
                             colors::kText, Align::Start);
        std::string info;
        if (qf.reached.n == 0)
            info = StaffText("Nobody got to this question in this period.");
        else if (qf.answered.suppressed || qf.reached.suppressed)
            info = StaffText("Answered by fewer than {0} visitors.", k);
        else {
            info = qf.completion.value
                       ? StaffText("Answered by {0} of the {1} who got here ({2}).", Thousands(qf.answered.n),
                                   Thousands(qf.reached.n), Percent(*qf.completion.value))
                       : StaffText("Answered by {0} of the {1} who got here.", Thousands(qf.answered.n),
                                   Thousands(qf.reached.n));
            if (qf.dontKnow > 0) info += " " + StaffText("\"Don't know\": {0}.", Thousands(qf.dontKnow));
            if (qf.invalid > 0)
                info += " " + StaffText("{0} answers did not fit this version and are left out.",
                                        Thousands(qf.invalid));
        }
        const float infoHeight = DrawWrappedText(ui, draw, ui.fonts.small, m.smallSize * 0.85f,
                                                 ImVec2(p0.x, y), innerW, info, colors::kMuted, Align::Start);
        DumpBlock(ui, "question:" + qf.questionId + ":info", info, ImVec2(p0.x, y),
                  ImVec2(innerW, infoHeight));
        y += infoHeight;
        y += m.gap * 0.4f;
        std::string label = title + ": n = " + Thousands(qf.answered.n);
        const bool hidden = qf.answered.n > 0 && qf.answered.n < k;
        if (!hidden && !qf.distribution.empty() && qf.answered.n > 0) {
            // One row per option: its words, a bar for its share, and "42% (60)".
            const float text = m.smallSize;
            const float valueW = TextWidth(ui, ui.fonts.small, text, "100% (00,000)");
            const BarRows rows(m, ui, ui.fonts.small, text, p0.x, innerW, valueW, 0.36f, 1.45f);
            for (const DistributionRow& row : qf.distribution) {
                std::string optionLabel = row.code;
                if (const Option* o = question->FindOption(row.code)) optionLabel = PickText(o->label, lang);
                if (question->type == QuestionType::Scale) {
                    if (row.code == std::to_string(question->min) && !question->minLabel.empty())
                        optionLabel += " " + PickText(question->minLabel, lang);
                    if (row.code == std::to_string(question->max) && !question->maxLabel.empty())
                        optionLabel += " " + PickText(question->maxLabel, lang);
                }
                const std::string shown = Elide(ui, ui.fonts.small, text, optionLabel, rows.labelW);
                DrawTextLine(ui, draw, ui.fonts.small, text, ImVec2(p0.x, y + rows.labelDy), colors::kText,
                             shown.c_str());
                const float bh = rows.barH, by = y + rows.barDy, barX = rows.barX, barW = rows.barW;
                draw->AddRectFilled(ImVec2(barX, by), ImVec2(barX + barW, by + bh), colors::kProgressTrack);
                const double share = row.share.value.value_or(0);
                if (share > 0)
                    draw->AddRectFilled(
                        ImVec2(barX, by),
                        ImVec2(barX + std::max(2.0f, barW * static_cast<float>(share / 100)), by + bh),
                        row.code == kDontKnowCode ? colors::kMuted : colors::kAccent);
                const std::string value = FigureText(row.share, "top2_share", k) +
                                          (row.count ? " (" + Thousands(*row.count) + ")" : "");
                DrawTextLine(ui, draw, ui.fonts.small, text,
                             ImVec2(barX + barW + m.gap, y + rows.ValueDy(text)), colors::kText,
                             value.c_str());
                label += "; " + optionLabel + " " + value;
                y += rows.rowH;
            }
            y += m.gap * 0.3f;
        } else if (hidden) {
            y += DrawWrappedText(
                ui, draw, ui.fonts.body, m.smallSize, ImVec2(p0.x, y), innerW,
                StaffText("Fewer than {0} answers: not shown (n = {1}).", k, Thousands(qf.answered.n)),
                colors::kMuted, Align::Start);
            label += "; " + StaffText("fewer than {0} answers", k);
        }
        // The measures under the bars.
        std::vector<std::string> measures;
        auto measure = [&](const std::string& name, const Figure& f, const std::string& type) {
            if (f.n == 0 && !f.suppressed) return;
            std::string text = name + ": " + FigureText(f, type, k);
            if (f.low && f.high)
                text +=
                    " (" +
                    StaffText("95% interval {0} to {1}", ValueText(type, *f.low), ValueText(type, *f.high)) +
                    ")";
            if (f.spread) text += " (" + StaffText("sd {0}", OneDecimal(*f.spread)) + ")";
            text += ", n = " + Thousands(f.n);
            measures.push_back(std::move(text));
        };
        switch (question->type) {
        case QuestionType::Likert:
        case QuestionType::Smiley:
        case QuestionType::Scale:
            measure(question->type == QuestionType::Likert ? StaffText("Agree or strongly agree")
                                                           : StaffText("One of the two best answers"),
                    qf.top2, "top2_share");
            measure(question->type == QuestionType::Scale ? StaffText("Mean grade") : StaffText("Mean"),
                    qf.mean, "mean");
            break;
        case QuestionType::YesNo:
            measure(StaffText("Yes"), qf.shareYes, "share_yes");
            break;
        case QuestionType::Number:
            measure(StaffText("Mean"), qf.mean, "mean");
            break;
        case QuestionType::ThenNow:
            measure(StaffText("Mean before"), qf.meanThen, "mean");
            measure(StaffText("Mean now"), qf.meanNow, "mean");
            measure(StaffText("Mean change"), qf.meanChange, "mean_change");
            measure(StaffText("Rate themselves higher now"), qf.shareImproved, "share_improved");
            break;
        case QuestionType::Text:
            measures.push_back(
                StaffText("Free text: {0} answers. Read them in an export.", CountText(qf.answered, k)));
            break;
        default:
            break;
        }
        for (const std::string& text : measures) {
            y += DrawWrappedText(ui, draw, ui.fonts.small, m.smallSize, ImVec2(p0.x, y), innerW, text,
                                 colors::kText, Align::Start);
            label += "; " + text;
        }
        const float height = card.Finish(y, m);
        DumpBlock(ui, "question:" + qf.questionId, label, ImVec2(flow.x, flow.y), ImVec2(flow.w, height));
        flow.y += height + m.gap;
    }
    flow.Space();
}

void ResultsScreen::DrawDropOff(StaffFlow& flow, const IndicatorReport& report, const Questionnaire& q) {
    UiContext& ui = flow.ui;
    const Metrics& m = ui.metrics;
    const int k = report.minGroupSize;
    const std::string& lang = q.DefaultLanguage();
    flow.Heading(StaffText("Where visitors stopped"), "heading:dropoff");
    flow.Text(
        StaffText("Of the visitors who got to a question, the share who stopped there without finishing."),
        "dropoff_hint", colors::kMuted);
    // The scale goes as far as the biggest drop-off needs (at least 10%), so small differences show;
    // the number next to each bar is the figure.
    double top = 10;
    for (const QuestionFigures& qf : report.questions)
        if (qf.dropOff.value) top = std::max(top, *qf.dropOff.value);
    top = std::ceil(top / 10) * 10;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float pad = m.gap;
    Card card(draw, ImVec2(flow.x, flow.y), flow.w, pad);
    const float innerW = flow.w - 2 * pad;
    const ImVec2 p0(flow.x + pad, flow.y + pad);
    const float text = m.smallSize;
    const float valueW = TextWidth(ui, ui.fonts.small, text, "100% (00,000 of 00,000)");
    const BarRows bars(m, ui, ui.fonts.small, text, p0.x, innerW, valueW, 0.4f, 1.6f);
    const float rowH = bars.rowH, barX = bars.barX, barW = bars.barW;
    float y = p0.y;
    const std::string scale = Percent(top);
    DrawTextLine(ui, draw, ui.fonts.small, text * 0.85f, ImVec2(barX, y), colors::kMuted, "0%");
    DrawTextLine(ui, draw, ui.fonts.small, text * 0.85f,
                 ImVec2(barX + barW - TextWidth(ui, ui.fonts.small, text * 0.85f, scale.c_str()), y),
                 colors::kMuted, scale.c_str());
    y += text * 1.2f;
    int number = 0;
    struct Row {
        std::string id, label;
        float y;
    };
    std::vector<Row> rows;
    for (const QuestionFigures& qf : report.questions) {
        ++number;
        const Question* question = q.FindQuestion(qf.questionId);
        const std::string name =
            std::to_string(number) + ". " + (question ? PickText(question->label, lang) : qf.questionId);
        DrawTextLine(ui, draw, ui.fonts.small, text, ImVec2(p0.x, y + bars.labelDy), colors::kText,
                     Elide(ui, ui.fonts.small, text, name, bars.labelW).c_str());
        const float bh = bars.barH, by = y + bars.barDy;
        draw->AddRectFilled(ImVec2(barX, by), ImVec2(barX + barW, by + bh), colors::kProgressTrack);
        const Figure& f = qf.dropOff;
        std::string value;
        if (f.suppressed) {
            value = StaffText("fewer than {0} got here", k);
        } else if (!f.value) {
            value = StaffText("nobody got here");
        } else {
            const double dropped = std::round(*f.value * static_cast<double>(f.n) / 100);
            if (*f.value > 0)
                draw->AddRectFilled(
                    ImVec2(barX, by),
                    ImVec2(barX + std::max(2.0f, barW * static_cast<float>(*f.value / top)), by + bh),
                    colors::kWarning);
            value = StaffText("{0} ({1} of {2})", Percent(*f.value),
                              Thousands(static_cast<std::int64_t>(dropped)), Thousands(f.n));
        }
        DrawTextLine(ui, draw, ui.fonts.small, text, ImVec2(barX + barW + m.gap, y + bars.ValueDy(text)),
                     colors::kText, value.c_str());
        rows.push_back({"dropoff:" + qf.questionId, name + ": " + value, y});
        y += rowH;
    }
    card.Finish(y, m);
    for (const Row& row : rows)
        DumpBlock(ui, row.id, row.label, ImVec2(p0.x, row.y), ImVec2(innerW, rowH));
    flow.y = y + pad + m.gap;
}

} // namespace ik

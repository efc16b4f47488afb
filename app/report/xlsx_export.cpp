// See xlsx_export.h. One pass over the responses fills the Responses sheet and the indicator
// accumulators at the same time, so every sheet describes the same rows.
#include "report/xlsx_export.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <memory>
#include <set>

#include "report/summary.h"

namespace ik {
namespace {

// [SECTION] Workbook and sheets

struct WorkbookFree {
    void operator()(lxw_workbook* wb) const noexcept { lxw_workbook_free(wb); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookFree>;

constexpr std::size_t kMaxCellBytes = 32767; // Excel's limit for one cell's text

class Sheet {
public:
    Sheet(lxw_worksheet* sheet, lxw_format* bold) : m_sheet(sheet), m_bold(bold) {}

    void Header(const std::vector<std::string>& names) {
        for (std::size_t i = 0; i < names.size(); ++i)
            Check(worksheet_write_string(m_sheet, 0, Col(i), names[i].c_str(), m_bold));
        worksheet_freeze_panes(m_sheet, 1, 0);
        m_row = 1;
    }
    void Text(std::size_t col, std::string_view text) {
        if (text.empty()) return;
        std::string cell(text.substr(0, ValidUtf8Prefix(text.substr(0, kMaxCellBytes))));
        // A CR would be stored as the escape _x000D_, which Excel decodes but other readers (openpyxl,
        // pandas) show as is; a line break in an Excel cell is a LF anyway.
        if (cell.find('\r') != std::string::npos) {
            std::string lf;
            for (std::size_t i = 0; i < cell.size(); ++i)
                if (cell[i] != '\r')
                    lf += cell[i];
                else if (i + 1 >= cell.size() || cell[i + 1] != '\n')
                    lf += '\n';
            cell = std::move(lf);
        }
        Check(worksheet_write_string(m_sheet, m_row, Col(col), cell.c_str(), nullptr));
    }
    void Number(std::size_t col, double value) {
        Check(worksheet_write_number(m_sheet, m_row, Col(col), value, nullptr));
    }
    void Number(std::size_t col, const std::optional<double>& value) {
        if (value) Number(col, *value);
    }
    void DateTime(std::size_t col, const lxw_datetime& value, lxw_format* format) {
        Check(worksheet_write_datetime(m_sheet, m_row, Col(col), const_cast<lxw_datetime*>(&value), format));
    }
    void NextRow() { ++m_row; }
    lxw_row_t Row() const { return m_row; }
    const std::string& Error() const { return m_error; }

private:
    static lxw_col_t Col(std::size_t col) { return static_cast<lxw_col_t>(col); }
    void Check(lxw_error e) {
        if (e != LXW_NO_ERROR && m_error.empty())
            m_error = "row " + std::to_string(m_row + 1) + ": " + lxw_strerror(e);
    }

    lxw_worksheet* m_sheet;
    lxw_format* m_bold;
    lxw_row_t m_row = 0;
    std::string m_error;
};

// "YYYY-MM-DD HH:MM:SS" (started_local) as an Excel date-time.
std::optional<lxw_datetime> ParseLocal(std::string_view view) {
    const std::string text(view);
    lxw_datetime dt{};
    int sec = 0;
    if (text.size() != 19 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &dt.year, &dt.month, &dt.day, &dt.hour, &dt.min,
                    &sec) != 6 ||
        dt.year < 1900)
        return std::nullopt;
    dt.sec = sec;
    return dt;
}

// [SECTION] Summary rows

std::string SuppressedNote(const Figure& f, int minGroupSize) {
    if (f.suppressed) return "suppressed: n < " + std::to_string(minGroupSize);
    if (f.n == 0) return "no data";
    return {};
}

struct SummaryWriter {
    Sheet& sheet;
    int minGroupSize;
    std::string questionnaireId;
    std::string questionId;
    std::string questionLabel;

    // questionnaire_id, question_id, question, measure, option, option_label, n, value, low_95, high_95, note
    void Figure(std::string_view measure, const ik::Figure& f, std::string_view option = {},
                std::string_view optionLabel = {}, std::optional<std::int64_t> count = std::nullopt) {
        sheet.Text(0, questionnaireId);
        sheet.Text(1, questionId);
        sheet.Text(2, questionLabel);
        sheet.Text(3, measure);
        sheet.Text(4, option);
        sheet.Text(5, optionLabel);
        sheet.Number(6, static_cast<double>(f.n));
        sheet.Number(7, f.value);
        sheet.Number(8, f.low);
        sheet.Number(9, f.high);
        if (count) sheet.Number(10, static_cast<double>(*count));
        sheet.Text(11, SuppressedNote(f, minGroupSize));
        sheet.NextRow();
    }
};

const std::vector<std::string> kSummaryHeader = {"questionnaire_id", "question_id",  "question", "measure",
                                                 "option",           "option_label", "n",        "value",
                                                 "low_95",           "high_95",      "count",    "note"};
const std::vector<std::string> kIndicatorHeader = {
    "questionnaire_id", "outcome_id", "outcome", "indicator",  "question_id", "period", "n", "value",
    "low_95",           "high_95",    "target",  "target_met", "note"};

void WriteSummary(Sheet& sheet, const Questionnaire& q, const IndicatorReport& r, const std::string& lang) {
    SummaryWriter w{sheet, r.minGroupSize, q.id, "", ""};
    const CountFigures& c = r.counts;
    w.Figure("responses", c.total);
    for (const auto& [version, f] : c.byVersion)
        w.Figure("responses_by_version", f, std::to_string(version));
    for (const auto& [status, f] : c.byStatus)
        w.Figure("responses_by_status", f, status);
    for (const auto& [language, f] : c.byLanguage)
        w.Figure("responses_by_language", f, language);
    for (const PeriodFigure& p : c.byMonth)
        w.Figure("responses_by_month", p.figure, p.period);
    for (const PeriodFigure& p : c.byWeek)
        w.Figure("responses_by_week", p.figure, p.period);

    for (const QuestionFigures& qf : r.questions) {
        const Question* question = q.FindQuestion(qf.questionId);
        w.questionId = qf.questionId;
        w.questionLabel = question ? PickText(question->label, lang, q.DefaultLanguage()) : "";
        w.Figure("reached", qf.reached);
        w.Figure("answered", qf.answered);
        w.Figure("completion_pct", qf.completion);
        w.Figure("drop_off_pct", qf.dropOff);
        for (const DistributionRow& d : qf.distribution) {
            const Option* option = question ? question->FindOption(d.code) : nullptr;
            w.Figure("distribution_pct", d.share, d.code,
                     option ? std::string_view(PickText(option->label, lang, q.DefaultLanguage())) : "",
                     d.count);
        }
        const QuestionType t = qf.type;
        const bool agreement = t == QuestionType::Likert || t == QuestionType::Smiley;
        bool numberCodes = question != nullptr;
        if (question)
            for (const Option& option : question->options)
                if (option.code != kDontKnowCode &&
                    option.code.find_first_not_of("0123456789.-") != std::string::npos)
                    numberCodes = false;
        if (agreement || t == QuestionType::Scale) w.Figure("top2_pct", qf.top2);
        if (t == QuestionType::Scale || t == QuestionType::Number || (agreement && numberCodes)) {
            w.Figure("mean", qf.mean);
            ik::Figure sd = qf.mean;
            sd.value = qf.mean.spread;
            w.Figure("sd", sd);
        }
        if (t == QuestionType::YesNo) w.Figure("share_yes_pct", qf.shareYes);
        if (t == QuestionType::ThenNow) {
            w.Figure("mean_then", qf.meanThen);
            w.Figure("mean_now", qf.meanNow);
            w.Figure("mean_change", qf.meanChange);
            w.Figure("share_improved_pct", qf.shareImproved);
        }
    }
}

void WriteIndicators(Sheet& sheet, const Questionnaire& q, const IndicatorReport& r,
                     const std::string& lang) {
    for (const IndicatorFigures& ind : r.indicators) {
        std::string outcomeLabel;
        for (const Outcome& o : q.outcomes)
            if (o.id == ind.outcomeId) outcomeLabel = PickText(o.label, lang, q.DefaultLanguage());
        auto row = [&](std::string_view period, const Figure& f) {
            sheet.Text(0, q.id);
            sheet.Text(1, ind.outcomeId);
            sheet.Text(2, outcomeLabel);
            sheet.Text(3, ind.indicator.type);
            sheet.Text(4, ind.indicator.question);
            sheet.Text(5, period);
            sheet.Number(6, static_cast<double>(f.n));
            sheet.Number(7, f.value);
            sheet.Number(8, f.low);
            sheet.Number(9, f.high);
            sheet.Number(10, ind.indicator.target);
            if (ind.indicator.target && f.value)
                sheet.Text(11, *f.value >= *ind.indicator.target ? "yes" : "no");
            sheet.Text(12, SuppressedNote(f, r.minGroupSize));
            sheet.NextRow();
        };
        row("all", ind.figure);
        for (const PeriodFigure& p : ind.byMonth)
            row(p.period, p.figure);
        for (const PeriodFigure& p : ind.byWeek)
            row(p.period, p.figure);
    }
}

void WriteQuestionnaires(Sheet& sheet, const std::map<std::pair<std::string, int>, Questionnaire>& versions) {
    std::vector<std::string> languages;
    for (const auto& [key, q] : versions)
        for (const std::string& lang : q.languages)
            if (std::find(languages.begin(), languages.end(), lang) == languages.end())
                languages.push_back(lang);
    std::vector<std::string> header = {"questionnaire_id", "version",    "question_id", "type",
                                       "required",         "option_code"};
    for (const std::string& lang : languages)
        header.push_back("label_" + lang);
    sheet.Header(header);
    auto labels = [&](const LangText& text) {
        for (std::size_t i = 0; i < languages.size(); ++i)
            if (auto it = text.find(languages[i]); it != text.end()) sheet.Text(6 + i, it->second);
    };
    for (const auto& [key, q] : versions)
        for (const Question& question : q.questions) {
            auto prefix = [&] {
                sheet.Text(0, q.id);
                sheet.Number(1, q.version);
                sheet.Text(2, question.id);
                sheet.Text(3, QuestionTypeName(question.type));
            };
            prefix();
            sheet.Text(4, question.required ? "yes" : "no");
            labels(question.label);
            sheet.NextRow();
            for (const Option& option : question.options) {
                prefix();
                sheet.Text(5, option.code);
                labels(option.label);
                sheet.NextRow();
            }
        }
}

} // namespace

Result<long> ExportResponsesXlsx(const ResponseStore& responses, const QuestionnaireStore& questionnaires,
                                 const ResponseQuery& query, const XlsxOptions& options,
                                 const std::filesystem::path& file) {
    const std::string what = "exporting XLSX: ";
    std::optional<Transaction> snapshot;
    if (Result<Transaction> tx = responses.BeginSnapshot(); tx)
        snapshot.emplace(std::move(*tx));
    else
        return Error{what + tx.error()};
    Result<ResponseTable> table = ResponseTable::Make(questionnaires, query, options.table);
    if (!table) return Error{what + table.error()};

    // The newest version of each questionnaire is the definition its summary uses.
    std::map<std::string, const Questionnaire*> newest;
    for (const auto& [key, q] : table->Questionnaires())
        newest[key.first] = &q;
    std::vector<std::unique_ptr<IndicatorAccumulator>> accumulators;
    for (const auto& [id, q] : newest)
        accumulators.push_back(std::make_unique<IndicatorAccumulator>(*q, options.indicators));

    std::filesystem::path tmp = file;
    tmp += ".tmp";
    lxw_workbook_options wbOptions{};
    wbOptions.constant_memory = LXW_TRUE; // rows go to temporary files as they are written
    wbOptions.use_zip64 = LXW_TRUE;       // a million rows can exceed 4 GB uncompressed
    const std::string tmpName = tmp.string();
    WorkbookPtr wb(workbook_new_opt(tmpName.c_str(), &wbOptions));
    if (!wb) return Error{what + "cannot create " + tmpName};
    lxw_format* bold = workbook_add_format(wb.get());
    format_set_bold(bold);
    lxw_format* dateTime = workbook_add_format(wb.get());
    format_set_num_format(dateTime, "yyyy-mm-dd hh:mm:ss");

    lxw_worksheet* responsesSheet = workbook_add_worksheet(wb.get(), "Responses");
    lxw_worksheet* summarySheet = workbook_add_worksheet(wb.get(), "Summary");
    lxw_worksheet* indicatorSheet = workbook_add_worksheet(wb.get(), "Indicators");
    lxw_worksheet* questionnaireSheet = workbook_add_worksheet(wb.get(), "Questionnaire");
    if (!responsesSheet || !summarySheet || !indicatorSheet || !questionnaireSheet)
        return Error{what + "cannot add the worksheets"};

    Sheet rows(responsesSheet, bold);
    rows.Header(table->Header());
    const std::size_t localColumn = 9; // started_local, see response_table.cpp
    worksheet_set_column(responsesSheet, static_cast<lxw_col_t>(localColumn),
                         static_cast<lxw_col_t>(localColumn), 19, nullptr);
    long count = 0;
    AnswerMap answers;
    Status scanned = responses.ForEachRaw(query, [&](const RawResponse& raw) -> Status {
        ++count;
        if (!accumulators.empty()) {
            Result<ResponseFacts> facts = FactsOf(raw, answers);
            if (!facts) return Error{facts.error()};
            for (auto& accumulator : accumulators)
                accumulator->Add(*facts);
        }
        return table->Rows(raw, [&](const std::vector<TableCell>& cells) -> Status {
            if (rows.Row() >= LXW_ROW_MAX)
                return Error{"an Excel sheet holds at most " + std::to_string(LXW_ROW_MAX - 1) +
                             " rows; export CSV instead, or fewer days with --from/--to"};
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const TableCell& cell = cells[i];
                if (cell.type == CellType::Number) {
                    rows.Number(i, cell.number);
                } else if (cell.type == CellType::Text) {
                    std::optional<lxw_datetime> local;
                    if (i == localColumn && (local = ParseLocal(cell.text)))
                        rows.DateTime(i, *local, dateTime);
                    else
                        rows.Text(i, cell.text);
                }
            }
            rows.NextRow();
            if (!rows.Error().empty()) return Error{"Responses sheet, " + rows.Error()};
            return {};
        });
    });
    if (!scanned) return Error{what + scanned.error()};

    Sheet summary(summarySheet, bold);
    summary.Header(kSummaryHeader);
    Sheet indicators(indicatorSheet, bold);
    indicators.Header(kIndicatorHeader);
    std::size_t i = 0;
    for (const auto& [id, q] : newest) {
        const IndicatorReport report = accumulators[i++]->Report();
        const std::string lang = options.table.labelLanguage.value_or(q->DefaultLanguage());
        WriteSummary(summary, *q, report, lang);
        WriteIndicators(indicators, *q, report, lang);
    }
    Sheet definitions(questionnaireSheet, bold);
    WriteQuestionnaires(definitions, table->Questionnaires());
    for (const Sheet* sheet : {&summary, &indicators, &definitions})
        if (!sheet->Error().empty()) return Error{what + sheet->Error()};

    const lxw_error closed = workbook_close(wb.release()); // writes the file and frees the workbook
    std::error_code ec;
    if (closed != LXW_NO_ERROR) {
        std::filesystem::remove(tmp, ec);
        return Error{what + "writing " + tmpName + ": " + lxw_strerror(closed)};
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) return Error{what + "cannot rename " + tmpName + " to " + file.string() + ": " + ec.message()};
    return count;
}

} // namespace ik

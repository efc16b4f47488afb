// The Excel export (libxlsxwriter): a workbook with four sheets.
//   Responses      the same rows and columns as the CSV export (report/response_table.h); numbers
//                  are numbers, started_local a real date-time, visitors' text always a text cell
//                  (a string cell in XLSX is never run as a formula, so no ' is needed there)
//   Summary        per questionnaire: counts, and per question reached, answered, completion,
//                  drop-off, the distribution and the measures of core/indicators.h, one figure a row
//   Indicators     each outcome's indicators against their targets: overall, by month, by week
//   Questionnaire  the definitions the columns come from: questions, types, options and labels
// Suppressed figures (fewer than min_group_size) have an empty value and a note.
#pragma once

#include <filesystem>

#include "core/indicators.h"
#include "core/result.h"
#include "report/response_table.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"

namespace ik {

struct XlsxOptions {
    TableOptions table;          // labels instead of codes; long format (Responses sheet)
    IndicatorOptions indicators; // min_group_size for the summary sheets
};

// Writes FILE.tmp and renames it over FILE. Returns how many responses the Responses sheet holds.
// Written row by row (libxlsxwriter's constant-memory mode): memory stays flat. An XLSX sheet holds at
// most 1,048,575 rows under its header; more is an error that suggests CSV or a narrower period.
Result<long> ExportResponsesXlsx(const ResponseStore& responses, const QuestionnaireStore& questionnaires,
                                 const ResponseQuery& query, const XlsxOptions& options,
                                 const std::filesystem::path& file);

} // namespace ik

// The CSV export for spreadsheets: UTF-8 with a BOM (so Excel reads it as UTF-8), ';' between fields
// by default (what Dutch Excel expects; ',' as an option), CRLF line ends, one row per response (or
// per answer in the long format) with the columns of report/response_table.h. Visitors' text can
// never run as a formula (core/spreadsheet_text.h). Streamed: memory stays flat for any size.
#pragma once

#include <filesystem>
#include <ostream>

#include "core/result.h"
#include "report/response_table.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"

namespace ik {

struct CsvOptions {
    char delimiter = ';'; // ';' or ','. With ';' numbers use a decimal comma (7,5), as Dutch Excel reads them
    TableOptions table;   // labels instead of codes; long format
};

// Writes the CSV to `out`; returns how many responses it holds (rows in the long format may be more).
Result<long> WriteResponsesCsv(const ResponseStore& responses, const QuestionnaireStore& questionnaires,
                               const ResponseQuery& query, const CsvOptions& options, std::ostream& out);

// Writes FILE.tmp and renames it over FILE: a reader never sees half an export.
Result<long> ExportResponsesCsv(const ResponseStore& responses, const QuestionnaireStore& questionnaires,
                                const ResponseQuery& query, const CsvOptions& options,
                                const std::filesystem::path& file);

} // namespace ik

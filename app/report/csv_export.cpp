// See csv_export.h.
#include "report/csv_export.h"

#include "core/atomic_file.h"
#include "core/spreadsheet_text.h"

namespace ik {

Result<long> WriteResponsesCsv(const ResponseStore& responses, const QuestionnaireStore& questionnaires,
                               const ResponseQuery& query, const CsvOptions& options, std::ostream& out) {
    if (options.delimiter != ';' && options.delimiter != ',')
        return Error{std::string("the CSV delimiter must be ';' or ',', not '") + options.delimiter + "'"};
    // The questionnaires and the responses from one snapshot, so every row has its columns.
    std::optional<Transaction> snapshot;
    if (Result<Transaction> tx = responses.BeginSnapshot(); tx)
        snapshot.emplace(std::move(*tx));
    else
        return Error{"exporting CSV: " + tx.error()};
    Result<ResponseTable> table = ResponseTable::Make(questionnaires, query, options.table);
    if (!table) return Error{"exporting CSV: " + table.error()};

    const char delimiter = options.delimiter;
    std::string line = "\xEF\xBB\xBF"; // UTF-8 BOM: Excel otherwise reads the file as ANSI
    for (const std::string& name : table->Header()) {
        if (&name != &table->Header().front()) line += delimiter;
        AppendCsvField(line, name);
    }
    line += "\r\n";
    out.write(line.data(), static_cast<std::streamsize>(line.size()));

    // Rows are collected into blocks of about 1 MB: one stream write per block, not per row.
    constexpr std::size_t kBlock = 1 << 20;
    line.clear();
    line.reserve(kBlock + 4096);
    long count = 0;
    Status scanned = responses.ForEachRaw(query, [&](const RawResponse& response) -> Status {
        ++count;
        return table->Rows(response, [&](const std::vector<TableCell>& cells) -> Status {
            for (std::size_t i = 0; i < cells.size(); ++i) {
                if (i > 0) line += delimiter;
                const TableCell& cell = cells[i];
                if (cell.type == CellType::Text && cell.kioskMade) {
                    line += cell.text; // no delimiter, quote, line break or formula start in it
                } else if (cell.type == CellType::Text) {
                    AppendCsvField(line, cell.text);
                } else if (cell.type == CellType::Number) {
                    // Our own number text (never a visitor's): safe as it is, "-3" is not a formula.
                    const std::size_t at = line.size();
                    line += cell.text;
                    if (delimiter == ';')
                        for (std::size_t k = at; k < line.size(); ++k)
                            if (line[k] == '.') line[k] = ',';
                }
            }
            line += "\r\n";
            if (line.size() >= kBlock) {
                out.write(line.data(), static_cast<std::streamsize>(line.size()));
                line.clear();
                if (!out) return Error{"write failed"};
            }
            return {};
        });
    });
    if (!scanned) return Error{"exporting CSV: " + scanned.error()};
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    if (!out) return Error{"exporting CSV: write failed"};
    return count;
}

Result<long> ExportResponsesCsv(const ResponseStore& responses, const QuestionnaireStore& questionnaires,
                                const ResponseQuery& query, const CsvOptions& options,
                                const std::filesystem::path& file) {
    long count = 0;
    Status written = WriteFileAtomically(file, [&](std::ostream& out) -> Status {
        Result<long> n = WriteResponsesCsv(responses, questionnaires, query, options, out);
        if (!n) return Error{n.error()};
        count = *n;
        return {};
    });
    if (!written) return Error{written.error()};
    return count;
}

} // namespace ik

// Text for spreadsheets: a visitor's answer must show as text, never run as a formula, and CSV fields
// must survive delimiters, quotes and line breaks. Shared by the kiosk's exports (app/report) and the
// monitor's (sync/monitor), which both link ik_core, so there is one rule for what is neutralised.
#pragma once

#include <string>
#include <string_view>

namespace ik {

// Whether a spreadsheet could take `text` for a formula: it starts with = + - @, a tab or a CR
// (OWASP's list for CSV injection).
bool LooksLikeFormula(std::string_view text);

// `text` with a ' in front when LooksLikeFormula(text): Excel and LibreOffice then show it as text.
std::string NeutraliseFormula(std::string_view text);

// Appends one CSV field to `out`: neutralised, then quoted (with "" for ") when it holds a quote, a
// CR or LF, or either delimiter (, or ;) so the file reads the same whichever one Excel guesses.
void AppendCsvField(std::string& out, std::string_view text);
std::string CsvField(std::string_view text);

} // namespace ik

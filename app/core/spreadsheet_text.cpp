// See spreadsheet_text.h.
#include "core/spreadsheet_text.h"

namespace ik {

bool LooksLikeFormula(std::string_view text) {
    if (text.empty()) return false;
    switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

std::string NeutraliseFormula(std::string_view text) {
    std::string out;
    if (LooksLikeFormula(text)) out += '\'';
    out += text;
    return out;
}

void AppendCsvField(std::string& out, std::string_view text) {
    const bool formula = LooksLikeFormula(text);
    if (text.find_first_of(",;\"\r\n") == std::string_view::npos) {
        if (formula) out += '\'';
        out += text;
        return;
    }
    out += '"';
    if (formula) out += '\'';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string CsvField(std::string_view text) {
    std::string out;
    AppendCsvField(out, text);
    return out;
}

} // namespace ik

// See spreadsheet_text.h.
#include "core/spreadsheet_text.h"

#include <array>

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

namespace {

// Whether `text` holds a character that makes a CSV field need quotes. A plain loop: find_first_of
// calls memchr once per character, which was a tenth of a million-row export.
bool NeedsQuotes(std::string_view text) {
    static constexpr auto kSpecial = [] {
        std::array<bool, 256> special{};
        for (char c : {',', ';', '"', '\r', '\n'})
            special[static_cast<unsigned char>(c)] = true;
        return special;
    }();
    for (char c : text)
        if (kSpecial[static_cast<unsigned char>(c)]) return true;
    return false;
}

} // namespace

void AppendCsvField(std::string& out, std::string_view text) {
    const bool formula = LooksLikeFormula(text);
    if (!NeedsQuotes(text)) {
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

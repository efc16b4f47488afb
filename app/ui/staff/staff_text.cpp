// See staff_text.h. Message patterns are matched by their literal pieces: "must be between {0} and
// {1}" is "must be between ", "{0}", " and ", "{1}"; each placeholder takes at least one character,
// and the pattern with the most literal text wins (so "Not saved: see the messages..." beats
// "Not saved: {0}").
#include "ui/staff/staff_text.h"

#include <atomic>
#include <cstdio>

namespace ik {
namespace {

std::atomic<StaffLanguage> g_language{StaffLanguage::Dutch};

std::string_view In(StaffLanguage language, const StaffPhrase& phrase) {
    return language == StaffLanguage::English ? phrase.en : phrase.nl;
}

// A pattern cut into its pieces: literal text, or a placeholder's number.
struct Piece {
    std::string_view literal;
    int placeholder = -1;
};

std::vector<Piece> Pieces(std::string_view pattern) {
    std::vector<Piece> pieces;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 2 < pattern.size(); ++i) {
        if (pattern[i] == '{' && pattern[i + 1] >= '0' && pattern[i + 1] <= '9' && pattern[i + 2] == '}') {
            if (i > start) pieces.push_back({pattern.substr(start, i - start)});
            pieces.push_back({{}, pattern[i + 1] - '0'});
            start = i + 3;
            i += 2;
        }
    }
    if (start < pattern.size()) pieces.push_back({pattern.substr(start)});
    return pieces;
}

// Matches `text` from `at` against pieces[p...], filling `captures`; tries every split.
bool Match(const std::vector<Piece>& pieces, std::size_t p, std::string_view text, std::size_t at,
           std::vector<std::string_view>& captures) {
    if (p == pieces.size()) return at == text.size();
    const Piece& piece = pieces[p];
    if (piece.placeholder < 0) {
        if (text.substr(at, piece.literal.size()) != piece.literal) return false;
        return Match(pieces, p + 1, text, at + piece.literal.size(), captures);
    }
    for (std::size_t end = at + 1; end <= text.size(); ++end) {
        // A placeholder followed by a literal can only end where that literal starts.
        if (p + 1 < pieces.size() && pieces[p + 1].placeholder < 0 &&
            text.substr(end, pieces[p + 1].literal.size()) != pieces[p + 1].literal)
            continue;
        captures[static_cast<std::size_t>(piece.placeholder)] = text.substr(at, end - at);
        if (Match(pieces, p + 1, text, end, captures)) return true;
    }
    return false;
}

std::size_t LiteralLength(const std::vector<Piece>& pieces) {
    std::size_t n = 0;
    for (const Piece& piece : pieces)
        n += piece.literal.size();
    return n;
}

// The message patterns, cut once.
const std::vector<std::vector<Piece>>& MessagePatterns() {
    static const std::vector<std::vector<Piece>> patterns = [] {
        std::vector<std::vector<Piece>> all;
        for (const StaffPhrase& phrase : kStaffMessages)
            all.push_back(Pieces(phrase.en));
        return all;
    }();
    return patterns;
}

// `line` in the current language (Dutch: StaffMessage handles English); `depth` bounds the
// translation of captures that are messages themselves.
std::string TranslateLine(std::string_view line, int depth) {
    if (line.empty() || depth > 3) return std::string(line);
    const StaffPhrase* best = nullptr;
    std::size_t bestLength = 0;
    std::vector<std::string_view> bestCaptures;
    for (std::size_t m = 0; m < std::size(kStaffMessages); ++m) {
        const std::vector<Piece>& pieces = MessagePatterns()[m];
        const StaffPhrase& phrase = kStaffMessages[m];
        // Cheap refusal first: the pattern's opening literal.
        if (!pieces.empty() && pieces.front().placeholder < 0 && !line.starts_with(pieces.front().literal))
            continue;
        std::vector<std::string_view> captures(10);
        if (!Match(pieces, 0, line, 0, captures)) continue;
        const std::size_t length = LiteralLength(pieces);
        if (best && length <= bestLength) continue;
        best = &phrase;
        bestLength = length;
        bestCaptures = captures;
    }
    if (!best) return std::string(line);
    std::vector<std::string> args;
    for (std::string_view capture : bestCaptures)
        args.push_back(TranslateLine(capture, depth + 1));
    return FormatStaffText(In(CurrentStaffLanguage(), *best), args);
}

} // namespace

void SetStaffLanguage(StaffLanguage language) {
    g_language.store(language, std::memory_order_relaxed);
}

StaffLanguage CurrentStaffLanguage() {
    return g_language.load(std::memory_order_relaxed);
}

std::string FormatStaffText(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '0' && pattern[i + 1] <= '9' &&
            pattern[i + 2] == '}') {
            const auto n = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (n < args.size()) {
                out += args[n];
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

const char* StaffTextIn(StaffLanguage language, StaffTextKey key) {
    // Every catalogue entry is a string literal, so its view ends in a terminating zero.
    return In(language, kStaffTexts[key.Index()]).data();
}

const char* StaffText(StaffTextKey key) {
    return StaffTextIn(CurrentStaffLanguage(), key);
}

std::string StaffCount(std::int64_t n, StaffTextKey one, StaffTextKey many) {
    return FormatStaffText(StaffText(n == 1 ? one : many), {StaffThousands(n)});
}

std::string StaffMessage(std::string_view english) {
    if (CurrentStaffLanguage() == StaffLanguage::English) return std::string(english);
    std::string out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = english.find('\n', start);
        out += TranslateLine(english.substr(start, end - start), 0);
        if (end == std::string_view::npos) break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::string StaffThousands(std::int64_t n) {
    const char separator = CurrentStaffLanguage() == StaffLanguage::English ? ',' : '.';
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string StaffDecimal(double value, int decimals, bool sign) {
    char text[64];
    std::snprintf(text, sizeof text, sign ? "%+.*f" : "%.*f", decimals, value);
    std::string out = text;
    if (CurrentStaffLanguage() == StaffLanguage::Dutch)
        for (char& c : out)
            if (c == '.') c = ',';
    return out;
}

} // namespace ik

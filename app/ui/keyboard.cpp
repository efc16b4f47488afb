// See keyboard.h.
#include "ui/keyboard.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace ik {
namespace {

const char* const kDigits[11] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "back"};
const char* const kLetters[3][11] = {
    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "-"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "'", "?"},
    {"shift", "z", "x", "c", "v", "b", "n", "m", ",", ".", "!"},
};
const char* const kAccents[11] = {"é", "è", "ë", "ê", "ï", "ó", "ö", "ü", "á", "à", "ç"};

std::string Upper(std::string_view key) {
    if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z')
        return std::string(1, static_cast<char>(key[0] - 32));
    static const std::pair<std::string_view, std::string_view> kPairs[] = {
        {"é", "É"}, {"è", "È"}, {"ë", "Ë"}, {"ê", "Ê"}, {"ï", "Ï"}, {"ó", "Ó"},
        {"ö", "Ö"}, {"ü", "Ü"}, {"á", "Á"}, {"à", "À"}, {"ç", "Ç"}};
    for (const auto& [lower, upper] : kPairs)
        if (key == lower) return std::string(upper);
    return std::string(key);
}

} // namespace

int KeyRowCount(bool digits) {
    return digits ? 5 : 4;
}

KeyPress DrawKeyRows(UiContext& ui, ImVec2 pos, float width, float keyHeight, float gap, bool digits,
                     bool& shift) {
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float keyWidth = (width - gap * 10) / 11;
    KeyPress press;
    float y = pos.y;
    auto row = [&](const char* const* keys, bool withErase) {
        for (int i = 0; i < 11; ++i) {
            const std::string k = keys[i];
            const ImVec2 p(pos.x + static_cast<float>(i) * (keyWidth + gap), y);
            const ImVec2 s(keyWidth, keyHeight);
            const float labelSize = std::min(m.bodySize, keyHeight * 0.5f);
            if (k == "back" && withErase) {
                if (BigButton(ui, "key:back", "Erase", p, s, ButtonStyle::Secondary, true,
                              {labelSize, false}))
                    press.erase = true;
                DrawEraseArrow(draw, p, s, m.unit, ui.colors().accent);
            } else if (k == "shift") {
                if (BigButton(ui, "key:shift", "Aa", p, s,
                              shift ? ButtonStyle::Primary : ButtonStyle::Secondary, true, {labelSize}))
                    shift = !shift;
            } else {
                const std::string shown = shift ? Upper(k) : k;
                if (BigButton(ui, "key:" + k, shown, p, s, ButtonStyle::Secondary, true, {labelSize})) {
                    press.typed = shown;
                    shift = false;
                }
            }
        }
        y += keyHeight + gap;
    };
    if (digits) row(kDigits, true);
    // Without the digit row, Erase takes the place of "-" at the end of the first letter row.
    const char* firstRow[11];
    std::copy(std::begin(kLetters[0]), std::end(kLetters[0]), firstRow);
    if (!digits) firstRow[10] = "back";
    row(firstRow, true);
    row(kLetters[1], false);
    row(kLetters[2], false);
    row(kAccents, false);
    return press;
}

void DrawEraseArrow(ImDrawList* draw, ImVec2 pos, ImVec2 size, float unit, ImU32 color) {
    const ImVec2 c(pos.x + size.x * 0.5f, pos.y + size.y * 0.5f);
    const float len = std::min(size.x, size.y) * 0.28f;
    const float thick = std::max(2.0f, 4 * unit);
    draw->AddLine(ImVec2(c.x - len, c.y), ImVec2(c.x + len, c.y), color, thick);
    draw->AddLine(ImVec2(c.x - len, c.y), ImVec2(c.x - len * 0.4f, c.y - len * 0.6f), color, thick);
    draw->AddLine(ImVec2(c.x - len, c.y), ImVec2(c.x - len * 0.4f, c.y + len * 0.6f), color, thick);
}

void AppendUtf8(std::string& out, unsigned int c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

void EraseLastCharacter(std::string& text) {
    while (!text.empty()) {
        const unsigned char c = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
}

} // namespace ik

// One question per screen: progress and stop at the top, the question in large type, the answer
// targets for its type, back and next at the bottom, and the visitor's own buttons (read aloud, text
// size, contrast) in the top bar, or in a row of their own on a portrait screen. Landscape lays answers
// out in rows; portrait stacks them so labels stay large on a narrow screen. On a right-to-left screen
// everything is mirrored but the order of numbers (a scale, then/now, the keypad).
#include "ui/visitor/visitor_screens.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/ui_strings.h"
#include "ui/keyboard.h"

namespace ik {
namespace {

using Kind = VisitorAction::Kind;

struct Area {
    float x, y, w, h;
};

ImVec2 Max(ImVec2 pos, ImVec2 size) {
    return ImVec2(pos.x + size.x, pos.y + size.y);
}

// A tile's frame: white, outlined; pressed and selected states. Returns the tap.
TapState Tile(UiContext& ui, const std::string& id, const std::string& label, const char* role, ImVec2 pos,
              ImVec2 size, bool selected, bool enabled = true) {
    TapState tap = TapTarget(ui, id, label, role, pos, size, enabled, selected);
    const Palette& c = ui.colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float border = (selected ? 6.0f : 2.5f) * ui.metrics.unit;
    ImU32 fill = selected ? c.selectedFill : c.tile;
    if (tap.held) fill = c.tilePressed;
    draw->AddRectFilled(pos, Max(pos, size), fill, ui.metrics.rounding);
    draw->AddRect(pos, Max(pos, size), selected ? c.selected : c.tileBorder, ui.metrics.rounding, 0,
                  std::max(1.5f, border));
    return tap;
}

// Text inside a tile, as large as fits up to `maxSize`; bold above body size, where it is a heading.
void TileLabel(UiContext& ui, const std::string& text, ImVec2 pos, ImVec2 size, Align align, float maxSize,
               ImU32 color) {
    const Metrics& m = ui.metrics;
    const Weight weight = maxSize > m.bodySize ? Weight::Bold : Weight::Regular;
    const float pad = m.gap * 0.6f;
    const float width = size.x - 2 * pad;
    const float fontSize = FitTextSize(ui, weight, maxSize, m.smallSize * 0.6f, text, width, size.y - pad);
    const float height = WrappedHeight(ui, weight, fontSize, text, width);
    DrawWrappedText(ui, ImGui::GetWindowDrawList(), weight, fontSize,
                    ImVec2(pos.x + pad, pos.y + (size.y - height) * 0.5f), width, text, color, align);
}

// The number an answer is read aloud with ("5: Strongly agree"), in a disc at the tile's start corner,
// so a visitor who listens finds the fifth tile.
void NumberBadge(UiContext& ui, ImVec2 pos, ImVec2 size, int number, bool atEnd = false) {
    const Metrics& m = ui.metrics;
    const float r = std::clamp(std::min(size.x, size.y) * 0.13f, 12 * m.unit, 26 * m.unit);
    const float inset = m.gap * 0.3f + r;
    const ImVec2 c(ui.rtl != atEnd ? pos.x + size.x - inset : pos.x + inset, pos.y + inset);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircleFilled(c, r, ui.colors().accent, 24);
    const std::string text = std::to_string(number);
    const TextBlock digits = ui.text->Layout(text, Weight::Bold, r * 1.3f, FLT_MAX, Direction::Ltr);
    ui.text->Draw(draw, digits, ImVec2(c.x - r, c.y - digits.Height() * 0.5f), r * 2, Align::Centre, false,
                  ui.colors().onAccent);
}

// True when every label fits a tile of `size` at no less than the smallest size TileLabel uses.
bool LabelsFit(UiContext& ui, const Question& q, ImVec2 size, float maxSize) {
    const Metrics& m = ui.metrics;
    const Weight weight = maxSize > m.bodySize ? Weight::Bold : Weight::Regular;
    const float pad = m.gap * 0.6f;
    for (const Option& option : q.options) {
        const std::string& text = Text(ui, option.label);
        const float size0 =
            FitTextSize(ui, weight, maxSize, m.smallSize * 0.6f, text, size.x - 2 * pad, size.y - pad);
        if (WrappedHeight(ui, weight, size0, text, size.x - 2 * pad) > size.y - pad) return false;
    }
    return true;
}

bool IsSelected(const nlohmann::json* answer, const std::string& code) {
    if (!answer) return false;
    if (answer->is_string()) return *answer == code;
    if (answer->is_array())
        return std::find(answer->begin(), answer->end(), nlohmann::json(code)) != answer->end();
    return false;
}

// Likert and smiley: faces with words. The "don't know" option gets a question-mark face.
void FaceOptions(UiContext& ui, const Question& q, const QuestionView& view, Area a, VisitorAction& action) {
    const Metrics& m = ui.metrics;
    const int count = static_cast<int>(q.options.size());
    const int levels = static_cast<int>(std::count_if(
        q.options.begin(), q.options.end(), [](const Option& o) { return o.code != kDontKnowCode; }));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float fcount = static_cast<float>(count);
    // A row of tiles, unless the screen is portrait or the visitor's larger words would not fit them.
    bool vertical = m.portrait;
    if (!vertical) {
        const float tileWidth = std::min((a.w - m.gap * (fcount - 1)) / fcount, 280 * m.unit);
        const float tileHeight = std::min(a.h, tileWidth * 1.45f);
        const float radius = std::min(tileWidth * 0.36f, tileHeight * 0.26f);
        const float labelHeight = tileHeight - m.gap * 1.5f - radius * 2;
        vertical = !LabelsFit(ui, q, ImVec2(tileWidth, labelHeight), m.bodySize * 0.9f);
    }
    for (int i = 0; i < count; ++i) {
        const Option& option = q.options[static_cast<size_t>(i)];
        const std::string& label = Text(ui, option.label);
        const bool selected = IsSelected(view.answer, option.code);
        ImVec2 pos, size;
        if (vertical) {
            const float gap = std::min(m.gap, a.h * 0.02f);
            const float rowHeight = std::min((a.h - gap * (fcount - 1)) / fcount, 170 * m.unit);
            const float blockHeight = rowHeight * fcount + gap * (fcount - 1);
            pos = ImVec2(a.x, a.y + (a.h - blockHeight) * 0.5f + static_cast<float>(i) * (rowHeight + gap));
            size = ImVec2(a.w, rowHeight);
        } else {
            const float tileWidth = std::min((a.w - m.gap * (fcount - 1)) / fcount, 280 * m.unit);
            const float tileHeight = std::min(a.h, tileWidth * 1.45f);
            const float blockWidth = tileWidth * fcount + m.gap * (fcount - 1);
            const float x = a.x + (a.w - blockWidth) * 0.5f + static_cast<float>(i) * (tileWidth + m.gap);
            pos = ImVec2(ui.MirrorX(x, tileWidth), a.y + (a.h - tileHeight) * 0.5f);
            size = ImVec2(tileWidth, tileHeight);
        }
        if (Tile(ui, "option:" + option.code, label, "button", pos, size, selected).clicked) {
            action.kind = Kind::Answer;
            action.value = option.code;
        }
        if (view.numbered) NumberBadge(ui, pos, size, i + 1);
        const bool dontKnow = option.code == kDontKnowCode;
        const ImU32 ink = ui.colors().text;
        if (vertical) {
            // The face at the start of the row, the words after it.
            const float radius = std::min(size.y * 0.36f, 90 * m.unit);
            const float faceX = ui.MirrorX(pos.x + m.gap, radius * 2);
            const ImVec2 centre(faceX + radius, pos.y + size.y * 0.5f);
            if (dontKnow)
                DrawDontKnowFace(ui, draw, centre, radius);
            else
                DrawFace(draw, ui.colors(), centre, radius, i, levels);
            const float textStart = m.gap * 2 + radius * 2;
            const float textWidth = size.x - textStart;
            TileLabel(ui, label, ImVec2(ui.MirrorX(pos.x + textStart, textWidth), pos.y),
                      ImVec2(textWidth, size.y), Align::Start, m.bodySize, ink);
        } else {
            const float radius = std::min(size.x * 0.36f, size.y * 0.26f);
            const ImVec2 centre(pos.x + size.x * 0.5f, pos.y + m.gap + radius);
            if (dontKnow)
                DrawDontKnowFace(ui, draw, centre, radius);
            else
                DrawFace(draw, ui.colors(), centre, radius, i, levels);
            const float textY = centre.y + radius + m.gap * 0.5f;
            TileLabel(ui, label, ImVec2(pos.x, textY), ImVec2(size.x, pos.y + size.y - textY), Align::Centre,
                      m.bodySize * 0.9f, ink);
        }
    }
}

// A row (or rows) of numbered squares, for scale and for each half of then_now. Returns where the
// squares ended up, so the end labels can sit right under them.
Area NumberRow(UiContext& ui, const std::string& idPrefix, int from, int to, int selected, Area a, int rows,
               int* tapped) {
    const Metrics& m = ui.metrics;
    const int count = to - from + 1;
    // More rows when one row would make the squares smaller than a fingertip (0-10 on 800x480).
    int perRow = 0;
    float side = 0;
    for (;; ++rows) {
        perRow = (count + rows - 1) / rows;
        const float fPerRow = static_cast<float>(perRow);
        side = std::min({(a.w - m.gap * (fPerRow - 1)) / fPerRow, 150 * m.unit,
                         (a.h - m.gap * static_cast<float>(rows - 1)) / static_cast<float>(rows)});
        const float widthSide = (a.w - m.gap * (fPerRow - 1)) / fPerRow;
        if (widthSide >= m.minTarget || rows >= count) break;
    }
    const float fPerRow = static_cast<float>(perRow);
    const float blockHeight = side * static_cast<float>(rows) + m.gap * static_cast<float>(rows - 1);
    const float blockWidth = side * fPerRow + m.gap * (fPerRow - 1);
    const Area block{a.x + (a.w - blockWidth) * 0.5f, a.y + (a.h - blockHeight) * 0.5f, blockWidth,
                     blockHeight};
    for (int i = 0; i < count; ++i) {
        const int row = i / perRow;
        const int inRow = std::min(perRow, count - row * perRow);
        const float rowWidth = side * static_cast<float>(inRow) + m.gap * static_cast<float>(inRow - 1);
        const int value = from + i;
        const ImVec2 pos(a.x + (a.w - rowWidth) * 0.5f + static_cast<float>(i % perRow) * (side + m.gap),
                         a.y + (a.h - blockHeight) * 0.5f + static_cast<float>(row) * (side + m.gap));
        const std::string text = std::to_string(value);
        if (Tile(ui, idPrefix + text, text, "button", pos, ImVec2(side, side), value == selected).clicked)
            *tapped = value;
        // Numbers read left to right in every script, so the row is never mirrored.
        const float fontSize = std::min(m.titleSize, side * 0.55f);
        const TextBlock digits = ui.text->Layout(text, Weight::Bold, fontSize, FLT_MAX, Direction::Ltr);
        ui.text->Draw(ImGui::GetWindowDrawList(), digits,
                      ImVec2(pos.x, pos.y + (side - digits.Height()) * 0.5f), side, Align::Centre, false,
                      value == selected ? ui.colors().selected : ui.colors().text);
    }
    return block;
}

// "1 = very bad" under the first square and "10 = excellent" under the last.
void EndLabels(UiContext& ui, const Question& q, Area block, float y) {
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float half = std::max(block.w * 0.48f, 200 * m.unit);
    const std::string& low = Text(ui, q.minLabel);
    const std::string& high = Text(ui, q.maxLabel);
    // Under the lowest number (left) and the highest (right), as the numbers run.
    if (!low.empty())
        DrawWrappedText(ui, draw, Weight::Regular, m.smallSize, ImVec2(block.x, y), half,
                        Format("{n} = ", q.min) + low, ui.colors().muted, Align::Left);
    if (!high.empty())
        DrawWrappedText(ui, draw, Weight::Regular, m.smallSize, ImVec2(block.x + block.w - half, y), half,
                        Format("{n} = ", q.max) + high, ui.colors().muted, Align::Right);
}

void ScaleOptions(UiContext& ui, const Question& q, const QuestionView& view, Area a, VisitorAction& action) {
    const Metrics& m = ui.metrics;
    const int rows = m.portrait ? 2 : 1;
    const bool hasLabels = !q.minLabel.empty() || !q.maxLabel.empty();
    const float labelHeight = hasLabels ? m.smallSize * 2.4f : 0;
    Area numbers{a.x, a.y, a.w, a.h - labelHeight};
    int selected = view.answer && view.answer->is_number_integer() ? view.answer->get<int>() : -1;
    int tapped = -1;
    const Area block = NumberRow(ui, "option:", q.min, q.max, selected, numbers, rows, &tapped);
    if (tapped >= 0) {
        action.kind = Kind::Answer;
        action.value = tapped;
    }
    if (hasLabels) EndLabels(ui, q, block, block.y + block.h + m.gap * 0.5f);
}

void ChoiceOptions(UiContext& ui, const Question& q, const QuestionView& view, Area a,
                   VisitorAction& action) {
    const Metrics& m = ui.metrics;
    const bool multi = q.type == QuestionType::MultiChoice;
    const int count = static_cast<int>(q.options.size());
    int columns = (!m.portrait && count > 3) ? 2 : 1;
    int rows = (count + columns - 1) / columns;
    // A short screen (an 800x480 panel with a hint line) puts tiles side by side rather than let them
    // shrink below finger size.
    while (columns < count &&
           (a.h - m.gap * static_cast<float>(rows - 1)) / static_cast<float>(rows) < m.minTarget) {
        ++columns;
        rows = (count + columns - 1) / columns;
    }
    const float fcols = static_cast<float>(columns);
    const float frows = static_cast<float>(rows);
    const float tileWidth = std::min((a.w - m.gap * (fcols - 1)) / fcols, 900 * m.unit);
    const float tileHeight = std::min((a.h - m.gap * (frows - 1)) / frows, 130 * m.unit);
    const float blockWidth = tileWidth * fcols + m.gap * (fcols - 1);
    const float blockHeight = tileHeight * frows + m.gap * (frows - 1);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // At the maximum, the options not chosen are greyed out: a tap there would do nothing.
    const int chosenCount =
        view.answer && view.answer->is_array() ? static_cast<int>(view.answer->size()) : 0;
    const bool full = multi && q.maxChoices > 0 && chosenCount >= q.maxChoices;
    for (int i = 0; i < count; ++i) {
        const Option& option = q.options[static_cast<size_t>(i)];
        const std::string& label = Text(ui, option.label);
        const bool selected = IsSelected(view.answer, option.code);
        const bool enabled = selected || !full;
        // A short last row is centred under the others.
        const int row = i / columns;
        const int inRow = std::min(columns, count - row * columns);
        const float rowOffset = static_cast<float>(columns - inRow) * (tileWidth + m.gap) * 0.5f;
        const float x = a.x + (a.w - blockWidth) * 0.5f + rowOffset +
                        static_cast<float>(i % columns) * (tileWidth + m.gap);
        const ImVec2 pos(ui.MirrorX(x, tileWidth),
                         a.y + (a.h - blockHeight) * 0.5f + static_cast<float>(row) * (tileHeight + m.gap));
        const ImVec2 size(tileWidth, tileHeight);
        if (Tile(ui, "option:" + option.code, label, multi ? "toggle" : "button", pos, size, selected,
                 enabled)
                .clicked) {
            if (!multi) {
                action.kind = Kind::Answer;
                action.value = option.code;
            } else {
                nlohmann::json chosen =
                    view.answer && view.answer->is_array() ? *view.answer : nlohmann::json::array();
                auto it = std::find(chosen.begin(), chosen.end(), nlohmann::json(option.code));
                if (it != chosen.end()) {
                    chosen.erase(it);
                } else if (q.maxChoices == 0 || static_cast<int>(chosen.size()) < q.maxChoices) {
                    chosen.push_back(option.code);
                }
                action.kind = chosen.empty() ? Kind::ClearAnswer : Kind::Answer;
                action.value = chosen;
            }
        }
        if (view.numbered) NumberBadge(ui, pos, size, i + 1, /*atEnd=*/multi); // the tick box is at the start
        const Palette& c = ui.colors();
        float textStart = 0; // from the tile's start edge
        if (multi) {
            // The tick box at the start of the tile.
            const float box = std::min(tileHeight * 0.45f, 56 * m.unit);
            const ImVec2 b0(ui.MirrorX(x + m.gap, box), pos.y + (tileHeight - box) * 0.5f);
            draw->AddRectFilled(b0, Max(b0, ImVec2(box, box)), selected ? c.selected : c.tile,
                                m.rounding * 0.4f);
            draw->AddRect(b0, Max(b0, ImVec2(box, box)), selected ? c.selected : c.muted, m.rounding * 0.4f,
                          0, 2.5f * m.unit);
            if (selected)
                DrawCheckMark(draw, ImVec2(b0.x + box * 0.5f, b0.y + box * 0.5f), box * 0.8f, c.onAccent,
                              box * 0.13f);
            textStart = m.gap + box;
        }
        const float textWidth = tileWidth - textStart;
        TileLabel(ui, label, ImVec2(ui.MirrorX(x + textStart, textWidth), pos.y),
                  ImVec2(textWidth, tileHeight), multi ? Align::Start : Align::Centre, m.bodySize,
                  enabled ? c.text : c.muted);
    }
}

void YesNoOptions(UiContext& ui, const Question& q, const QuestionView& view, Area a, VisitorAction& action) {
    const Metrics& m = ui.metrics;
    const float tileWidth = std::min((a.w - m.gap) / 2, 440 * m.unit);
    const float tileHeight = std::min(a.h, 300 * m.unit);
    const float x0 = a.x + (a.w - tileWidth * 2 - m.gap) * 0.5f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < q.options.size(); ++i) {
        const Option& option = q.options[i];
        const std::string& label = Text(ui, option.label);
        const ImVec2 pos(ui.MirrorX(x0 + static_cast<float>(i) * (tileWidth + m.gap), tileWidth),
                         a.y + (a.h - tileHeight) * 0.5f);
        const bool selected = IsSelected(view.answer, option.code);
        if (Tile(ui, "option:" + option.code, label, "button", pos, ImVec2(tileWidth, tileHeight), selected)
                .clicked) {
            action.kind = Kind::Answer;
            action.value = option.code;
        }
        if (view.numbered) NumberBadge(ui, pos, ImVec2(tileWidth, tileHeight), static_cast<int>(i) + 1);
        const float radius = std::min(tileWidth, tileHeight) * 0.22f;
        const ImVec2 centre(pos.x + tileWidth * 0.5f, pos.y + m.gap + radius);
        const bool yes = option.code == "yes";
        draw->AddCircleFilled(centre, radius, yes ? ui.colors().face[4] : ui.colors().face[0], 48);
        if (yes)
            DrawCheckMark(draw, centre, radius * 1.2f, colors::kFaceOutline, radius * 0.2f);
        else
            DrawCross(draw, centre, radius * 1.2f, colors::kFaceOutline, radius * 0.2f);
        const float textY = centre.y + radius + m.gap * 0.5f;
        TileLabel(ui, label, ImVec2(pos.x, textY), ImVec2(tileWidth, pos.y + tileHeight - textY),
                  Align::Centre, m.titleSize, ui.colors().text);
    }
}

void ThenNowOptions(UiContext& ui, const Question& q, const QuestionView& view, Area a,
                    VisitorAction& action) {
    const Metrics& m = ui.metrics;
    nlohmann::json value = view.answer ? *view.answer : view.draft;
    if (!value.is_object()) value = nlohmann::json::object();
    const bool hasLabels = !q.minLabel.empty() || !q.maxLabel.empty();
    const float labelHeight = hasLabels ? m.smallSize * 2.4f : 0;
    const float heading = m.bodySize * 1.3f;
    const float half = (a.h - labelHeight - m.gap) / 2;
    const char* keys[2] = {"then", "now"};
    const UiText names[2] = {UiText::Before, UiText::Now};
    // On a short screen (a 7" panel under a question of two lines) a heading above each row would leave
    // squares smaller than a fingertip; there the headings go beside their rows (at the start: left,
    // or right on a right-to-left screen), where five to ten squares leave room.
    const bool beside = half - heading < m.minTarget;
    float headingWidth = 0;
    for (UiText name : names)
        headingWidth = std::max(headingWidth, TextWidth(ui, Weight::Bold, m.bodySize, Tr(name, ui.language)));
    Area block{};
    for (int row = 0; row < 2; ++row) {
        const float y = a.y + static_cast<float>(row) * (half + m.gap);
        const float numbersX = beside && !ui.rtl ? a.x + headingWidth + m.gap : a.x;
        const Area numbers = beside ? Area{numbersX, y, a.w - headingWidth - m.gap, half}
                                    : Area{a.x, y + heading, a.w, half - heading};
        const int selected = value.contains(keys[row]) ? value[keys[row]].get<int>() : -1;
        int tapped = -1;
        block = NumberRow(ui, std::string(keys[row]) + ":", q.min, q.max, selected, numbers, 1, &tapped);
        // "Before" / "Now" above the start of its row of numbers, or beside it.
        const char* name = Tr(names[row], ui.language);
        const float size = std::min(m.bodySize, heading * 0.8f);
        const float nameHeight = WrappedHeight(ui, Weight::Bold, size, name, headingWidth + 1);
        const ImVec2 at =
            !beside  ? ImVec2(block.x, block.y - heading)
            : ui.rtl ? ImVec2(block.x + block.w + m.gap, block.y + (block.h - nameHeight) * 0.5f)
                     : ImVec2(block.x - m.gap - headingWidth, block.y + (block.h - nameHeight) * 0.5f);
        DrawWrappedText(ui, ImGui::GetWindowDrawList(), Weight::Bold, size, at,
                        beside ? headingWidth + 1 : block.w, name, ui.colors().text, Align::Start);
        if (tapped >= 0) {
            value[keys[row]] = tapped;
            action.kind = value.contains("then") && value.contains("now") ? Kind::Answer : Kind::Draft;
            action.value = value;
        }
    }
    if (hasLabels) EndLabels(ui, q, block, block.y + block.h + m.gap * 0.5f);
}

void NumberKeypad(UiContext& ui, const QuestionView& view, Area a, VisitorAction& action) {
    const Metrics& m = ui.metrics;
    // The digits being typed; before the first key, the stored answer (after going back).
    std::string digits;
    if (view.draft.is_string())
        digits = view.draft.get<std::string>();
    else if (view.answer && view.answer->is_number())
        digits = std::to_string(view.answer->get<long>());
    // Portrait: the display above a phone-style 3x4 pad. Landscape (often short): the display on the
    // left and the keys in two rows of six, so each key stays finger-sized on an 800x480 panel.
    static const char* kPad[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "back"};
    static const char* kRows[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "back", ""};
    const bool wide = !m.portrait;
    const int columns = wide ? 6 : 3;
    const int rows = wide ? 2 : 4;
    const char* const* keys = wide ? kRows : kPad;
    const float fcols = static_cast<float>(columns);
    const float frows = static_cast<float>(rows);
    float displayWidth, displayHeight, keysX, keysY, keysWidth, keysHeight;
    if (wide) {
        displayWidth = std::min(a.w * 0.3f, 360 * m.unit);
        displayHeight = std::min(a.h, std::max(m.minTarget, 110 * m.unit));
        keysWidth = std::min(a.w - displayWidth - m.gap * 2, fcols * 150 * m.unit);
        keysHeight = std::min(a.h, frows * 120 * m.unit);
        const float total = displayWidth + m.gap * 2 + keysWidth;
        keysX = a.x + (a.w - total) * 0.5f + displayWidth + m.gap * 2;
        keysY = a.y + (a.h - keysHeight) * 0.5f;
    } else {
        displayHeight = std::max(m.minTarget, 90 * m.unit);
        keysWidth = std::min(a.w, fcols * 200 * m.unit);
        displayWidth = keysWidth;
        keysHeight = std::min(a.h - displayHeight - m.gap, frows * 120 * m.unit);
        keysX = a.x + (a.w - keysWidth) * 0.5f;
        keysY = a.y + displayHeight + m.gap;
    }
    const float keyWidth = (keysWidth - m.gap * (fcols - 1)) / fcols;
    const float keyHeight = (keysHeight - m.gap * (frows - 1)) / frows;
    const ImVec2 d0 = wide ? ImVec2(keysX - m.gap * 2 - displayWidth, a.y + (a.h - displayHeight) * 0.5f)
                           : ImVec2(keysX, a.y);
    const ImVec2 d1(d0.x + displayWidth, d0.y + displayHeight);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(d0, d1, ui.colors().tile, m.rounding);
    draw->AddRect(d0, d1, ui.colors().tileBorder, m.rounding, 0, 2.5f * m.unit);
    const float digitSize = std::min(m.titleSize, displayHeight * 0.7f);
    const TextBlock number = ui.text->Layout(digits, Weight::Bold, digitSize, FLT_MAX, Direction::Ltr);
    ui.text->Draw(draw, number, ImVec2(d0.x + m.gap, d0.y + (displayHeight - number.Height()) * 0.5f),
                  displayWidth - 2 * m.gap, Align::Right, false, ui.colors().text);
    ui.dump.Add({"number_display", digits, "text", d0.x, d0.y, displayWidth, displayHeight, true, false});
    for (int i = 0; i < columns * rows; ++i) {
        if (!*keys[i]) continue;
        const ImVec2 pos(keysX + static_cast<float>(i % columns) * (keyWidth + m.gap),
                         keysY + static_cast<float>(i / columns) * (keyHeight + m.gap));
        const bool back = std::string_view(keys[i]) == "back";
        // Noto Sans has no arrow glyphs: the erase key's arrow is drawn.
        const bool tapped =
            BigButton(ui, std::string("key:") + keys[i], back ? Tr(UiText::Erase, ui.language) : keys[i], pos,
                      ImVec2(keyWidth, keyHeight), ButtonStyle::Secondary, true,
                      {std::min(m.titleSize, keyHeight * 0.5f), !back});
        if (back) DrawEraseArrow(draw, pos, ImVec2(keyWidth, keyHeight), m.unit, ui.colors().accent);
        if (tapped) {
            action.kind = Kind::Draft;
            if (back) {
                if (!digits.empty()) digits.pop_back();
            } else if (digits.size() < 9) {
                digits += keys[i];
            }
            action.value = digits;
        }
    }
}

// Free text: the question, what has been typed, and the on-screen keyboard. The keyboard's last row
// holds back, space and next, so the keys stay finger-sized even on a 7" 800x480 panel.
void TextEntry(UiContext& ui, const SurveySession& session, const QuestionView& view, float top,
               VisitorAction& action) {
    const Question& q = *session.CurrentQuestion();
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;
    std::string text;
    bool shift = false;
    if (view.draft.is_object()) {
        text = view.draft.value("text", "");
        shift = view.draft.value("shift", false);
    } else if (view.answer && view.answer->is_string()) {
        text = view.answer->get<std::string>();
    }

    float y = top;
    const std::string& label = Text(ui, q.label);
    const float labelSize =
        FitTextSize(ui, Weight::Bold, m.titleSize * 0.8f, m.bodySize * 0.5f, label, width, m.height * 0.14f);
    const float labelHeight = DrawWrappedText(ui, draw, Weight::Bold, labelSize, ImVec2(m.margin, y), width,
                                              label, ui.colors().text);
    ui.dump.Add({"question_text", label, "text", m.margin, y, width, labelHeight, true, false});
    y += labelHeight + m.gap * 0.5f;

    // What has been typed, its end in view, with a caret.
    const float boxHeight = std::max(m.bodySize * 1.6f, m.minTarget * 0.8f);
    const ImVec2 b0(m.margin, y), b1(m.margin + width, y + boxHeight);
    draw->AddRectFilled(b0, b1, ui.colors().tile, m.rounding * 0.5f);
    draw->AddRect(b0, b1, ui.colors().accent, m.rounding * 0.5f, 0, 3 * m.unit);
    const float textSize = std::min(m.bodySize, boxHeight * 0.6f);
    // The end of what was typed stays in view: drop characters from the front while it is too wide.
    const char* shown = text.c_str();
    while (*shown && TextWidth(ui, Weight::Regular, textSize, shown) > width - 3 * m.gap) {
        ++shown;
        while ((static_cast<unsigned char>(*shown) & 0xC0) == 0x80)
            ++shown;
    }
    const ImVec2 textPos(b0.x + m.gap, y + (boxHeight - textSize) * 0.5f);
    DrawTextLine(ui, draw, Weight::Regular, textSize, textPos, ui.colors().text, shown);
    const float caretX = textPos.x + TextWidth(ui, Weight::Regular, textSize, shown) + 2;
    draw->AddLine(ImVec2(caretX, textPos.y), ImVec2(caretX, textPos.y + textSize), ui.colors().accent,
                  std::max(2.0f, 3 * m.unit));
    ui.dump.Add({"text_display", text, "text", b0.x, b0.y, width, boxHeight, true, false});
    y += boxHeight + m.gap;

    // Four rows of keys and the navigation row share what is left.
    const float gap = m.gap * 0.5f;
    const float keysWidth = std::min(width, 1500 * m.unit);
    const float x0 = (m.width - keysWidth) * 0.5f;
    const float keyWidth = (keysWidth - gap * 10) / 11;
    const float rows = static_cast<float>(KeyRowCount(false) + 1);
    const float keyHeight =
        std::min((m.height - m.margin - y - gap * (rows - 1)) / rows, std::max(keyWidth * 1.1f, m.minTarget));
    bool shiftAfter = shift;
    const KeyPress press =
        DrawKeyRows(ui, ImVec2(x0, y), keysWidth, keyHeight, gap, /*digits=*/false, shiftAfter);
    std::string typed = text;
    if (press.erase) EraseLastCharacter(typed);
    if (!press.typed.empty() &&
        Utf8Length(typed + press.typed).value_or(0) <= static_cast<size_t>(q.maxLength))
        typed += press.typed;
    y += (rows - 1) * (keyHeight + gap);
    const float labelMax = std::min(m.bodySize, keyHeight * 0.5f);
    // The keys keep their places; back and next swap on a right-to-left screen.
    const auto navX = [&](float x, float w) { return ui.rtl ? x0 + keysWidth - (x - x0) - w : x; };
    if (BigButton(ui, "key:space", Tr(UiText::Space, ui.language), ImVec2(x0 + 2 * (keyWidth + gap), y),
                  ImVec2(keyWidth * 5 + gap * 4, keyHeight), ButtonStyle::Secondary, true, {labelMax}) &&
        Utf8Length(typed + " ").value_or(0) <= static_cast<size_t>(q.maxLength))
        typed += ' ';
    if (typed != text || shiftAfter != shift) {
        action.kind = Kind::Draft;
        action.value = {{"text", typed}, {"shift", shiftAfter}};
    }
    if (session.CanGoBack() &&
        BigButton(ui, "back", Tr(UiText::Back, ui.language), ImVec2(navX(x0, keyWidth * 2 + gap), y),
                  ImVec2(keyWidth * 2 + gap, keyHeight), ButtonStyle::Secondary, true, {labelMax}))
        action.kind = Kind::Back;
    const bool empty = typed.empty();
    const UiText nextText = session.IsLastQuestion() ? UiText::Finish : empty ? UiText::Skip : UiText::Next;
    if (BigButton(ui, "next", Tr(nextText, ui.language),
                  ImVec2(navX(x0 + 7 * (keyWidth + gap), keyWidth * 4 + gap * 3), y),
                  ImVec2(keyWidth * 4 + gap * 3, keyHeight), ButtonStyle::Primary, !(q.required && empty),
                  {labelMax}))
        action.kind = Kind::Next;
}

} // namespace

VisitorAction DrawQuestionScreen(UiContext& ui, const SurveySession& session, const QuestionView& view,
                                 const VisitorSettings& settings) {
    VisitorAction action;
    const Question* q = session.CurrentQuestion();
    if (!q) return action;
    const Metrics& m = ui.metrics;
    const Palette& c = ui.colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;

    // Top bar: progress at the start, stop at the end, the visitor's own buttons between them when
    // they fit (landscape), else in a row of their own under the bar (portrait).
    const float topHeight = std::max(m.minTarget, 80 * m.unit);
    const float stopWidth = std::max(m.minTarget * 2, 200 * m.unit);
    const float toolSide = m.minTarget;
    const float toolsWidth = VisitorToolsWidth(ui, settings, toolSide);
    float barWidth = std::min(width - stopWidth - m.gap, 520 * m.unit);
    const bool toolsInBar = width - stopWidth - toolsWidth - m.gap * 2 >= std::min(barWidth, 260 * m.unit);
    if (toolsInBar) barWidth = std::min(barWidth, width - stopWidth - toolsWidth - m.gap * 2);
    // An info screen is not a question: it gets the bar but no "question n of m".
    const std::string progress = TakesAnswer(q->type) ? Format(Tr(UiText::QuestionOf, ui.language),
                                                               session.Position(), session.VisibleCount())
                                                      : std::string();
    const float progressSize = FitTextSize(ui, Weight::Regular, m.smallSize, m.smallSize * 0.6f, progress,
                                           barWidth, topHeight - 12 * m.unit - m.gap * 0.5f);
    const float progressHeight = DrawWrappedText(ui, draw, Weight::Regular, progressSize,
                                                 ImVec2(ui.MirrorX(m.margin, barWidth), m.margin), barWidth,
                                                 progress, c.text, Align::Start);
    const float barHeight = 12 * m.unit;
    const ImVec2 bar0(ui.MirrorX(m.margin, barWidth), m.margin + progressHeight + m.gap * 0.3f);
    const float done = session.VisibleCount() > 0 ? static_cast<float>(session.Position()) /
                                                        static_cast<float>(session.VisibleCount())
                                                  : 0;
    draw->AddRectFilled(bar0, ImVec2(bar0.x + barWidth, bar0.y + barHeight), c.progressTrack, barHeight);
    // The bar fills from where reading starts: from the right on a right-to-left screen.
    const float filled = barWidth * done;
    const float fill0 = ui.rtl ? bar0.x + barWidth - filled : bar0.x;
    draw->AddRectFilled(ImVec2(fill0, bar0.y), ImVec2(fill0 + filled, bar0.y + barHeight), c.accent,
                        barHeight);
    ui.dump.Add({"progress", progress, "text", bar0.x, m.margin, barWidth, bar0.y + barHeight - m.margin,
                 true, false});
    if (BigButton(ui, "stop", Tr(UiText::Stop, ui.language),
                  ImVec2(ui.MirrorX(m.width - m.margin - stopWidth, stopWidth), m.margin),
                  ImVec2(stopWidth, topHeight), ButtonStyle::Secondary))
        action.kind = Kind::Stop;
    float top = m.margin + topHeight + m.gap;
    {
        const ImVec2 toolsPos =
            toolsInBar ? ImVec2(m.margin, m.margin + (topHeight - toolSide) * 0.5f) : ImVec2(m.margin, top);
        const float toolsRight = toolsInBar ? width - stopWidth - m.gap : width;
        const VisitorAction tool = DrawVisitorTools(ui, settings, toolsPos, ImVec2(toolsRight, toolSide));
        if (tool.kind != Kind::None) action = tool;
        if (!toolsInBar) top += toolSide + m.gap;
    }
    if (q->type == QuestionType::Text) {
        TextEntry(ui, session, view, top, action);
        return action;
    }

    // Bottom bar: back and next.
    const float bottomHeight = std::max(m.minTarget * 1.2f, 110 * m.unit);
    const float bottomY = m.height - m.margin - bottomHeight;
    const float navWidth = std::min((width - m.gap) / 2, 360 * m.unit);
    // Back where reading starts, next where it ends: swapped on a right-to-left screen.
    if (session.CanGoBack() &&
        BigButton(ui, "back", Tr(UiText::Back, ui.language), ImVec2(ui.MirrorX(m.margin, navWidth), bottomY),
                  ImVec2(navWidth, bottomHeight), ButtonStyle::Secondary))
        action.kind = Kind::Back;
    bool canNext = session.CanGoNext();
    if (q->type == QuestionType::Number && view.draft.is_string()) {
        const std::string& digits = view.draft.get_ref<const std::string&>();
        canNext = digits.empty() ? !q->required : IsValidAnswer(*q, std::stol(digits));
    }
    // "Skip" says plainly that an optional question may be left; "Finish" only when nothing can follow.
    const bool unanswered = TakesAnswer(q->type) && !q->required && !view.answer &&
                            !(view.draft.is_string() && !view.draft.get_ref<const std::string&>().empty()) &&
                            !view.draft.is_object();
    const UiText nextText = session.IsLastQuestion() ? UiText::Finish
                            : unanswered             ? UiText::Skip
                                                     : UiText::Next;
    if (BigButton(ui, "next", Tr(nextText, ui.language),
                  ImVec2(ui.MirrorX(m.width - m.margin - navWidth, navWidth), bottomY),
                  ImVec2(navWidth, bottomHeight), ButtonStyle::Primary, canNext))
        action.kind = Kind::Next;

    // The question.
    float y = top + m.gap * 0.5f;
    // A clear gap above back/next, so a tap on the last answer row cannot land on them.
    const float middleBottom = bottomY - m.gap * 2.5f;
    const float middle = middleBottom - y;
    const bool hasAnswers = q->type != QuestionType::Info;
    const std::string& label = Text(ui, q->label);
    std::string help = Text(ui, q->help);
    if (q->type == QuestionType::MultiChoice && help.empty())
        help = q->maxChoices > 0 ? Format(Tr(UiText::ChooseUpTo, ui.language), q->maxChoices)
                                 : Tr(UiText::ChooseAll, ui.language);
    // The question and its help share their part of the screen; larger words shrink only to fit it.
    // Rows of numbers need a fingertip each however short the screen (then/now on a 7" panel): there
    // the question gets what they leave.
    float textRoom = hasAnswers ? middle * 0.34f : middle * 0.7f;
    const float endLabels = (!q->minLabel.empty() || !q->maxLabel.empty()) ? m.smallSize * 2.4f : 0;
    if (q->type == QuestionType::ThenNow)
        textRoom = std::min(textRoom, middle - (m.minTarget * 2 + m.gap * 3.5f + endLabels));
    else if (q->type == QuestionType::Scale)
        textRoom = std::min(textRoom, middle - (m.minTarget + m.gap * 2.5f + endLabels));
    textRoom = std::max(textRoom, m.smallSize);
    const float helpRoom = help.empty() ? 0 : textRoom * 0.3f;
    const float labelSize =
        FitTextSize(ui, Weight::Bold, m.titleSize, m.bodySize * 0.5f, label, width, textRoom - helpRoom);
    const float labelHeight =
        DrawWrappedText(ui, draw, Weight::Bold, labelSize, ImVec2(m.margin, y), width, label, c.text);
    ui.dump.Add({"question_text", label, "text", m.margin, y, width, labelHeight, true, false});
    y += labelHeight + m.gap * 0.5f;
    if (!help.empty()) {
        const float helpSize =
            FitTextSize(ui, Weight::Regular, q->type == QuestionType::Info ? m.bodySize : m.bodySize * 0.85f,
                        m.smallSize * 0.5f, help, width, std::max(helpRoom, textRoom - labelHeight));
        const float helpHeight =
            DrawWrappedText(ui, draw, Weight::Regular, helpSize, ImVec2(m.margin, y), width, help, c.muted);
        ui.dump.Add({"help_text", help, "text", m.margin, y, width, helpHeight, true, false});
        y += helpHeight + m.gap * 0.5f;
    }
    y += m.gap;

    Area area{m.margin, y, width, std::max(m.minTarget, middleBottom - y)};
    switch (q->type) {
    case QuestionType::Likert:
    case QuestionType::Smiley:
        FaceOptions(ui, *q, view, area, action);
        break;
    case QuestionType::Scale:
        ScaleOptions(ui, *q, view, area, action);
        break;
    case QuestionType::SingleChoice:
    case QuestionType::MultiChoice:
        ChoiceOptions(ui, *q, view, area, action);
        break;
    case QuestionType::YesNo:
        YesNoOptions(ui, *q, view, area, action);
        break;
    case QuestionType::ThenNow:
        ThenNowOptions(ui, *q, view, area, action);
        break;
    case QuestionType::Number:
        NumberKeypad(ui, view, area, action);
        break;
    case QuestionType::Text: // drawn by TextEntry above
    case QuestionType::Info:
        break;
    }
    return action;
}

} // namespace ik

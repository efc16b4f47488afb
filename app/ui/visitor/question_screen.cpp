// One question per screen: progress and stop at the top, the question in large type, the answer
// targets for its type, back and next at the bottom. Landscape lays answers out in rows; portrait
// stacks them so labels stay large on a narrow screen.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "ui/keyboard.h"
#include "core/ui_strings.h"

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
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float border = (selected ? 6.0f : 2.5f) * ui.metrics.unit;
    ImU32 fill = selected ? colors::kSelectedFill : enabled ? colors::kTile : colors::kProgressTrack;
    if (tap.held) fill = colors::kTilePressed;
    draw->AddRectFilled(pos, Max(pos, size), fill, ui.metrics.rounding);
    draw->AddRect(pos, Max(pos, size), selected ? colors::kSelected : colors::kTileBorder,
                  ui.metrics.rounding, 0, std::max(1.5f, border));
    return tap;
}

// Text inside a tile, as large as fits up to `maxSize`. Above body size the bold title font is used:
// the body font is built at body size and would blur when drawn larger.
void TileLabel(UiContext& ui, const std::string& text, ImVec2 pos, ImVec2 size, bool centred, float maxSize,
               ImU32 color = colors::kText) {
    const Metrics& m = ui.metrics;
    ImFont* font = maxSize > m.bodySize ? ui.fonts.title : ui.fonts.body;
    const float pad = m.gap * 0.6f;
    const float width = size.x - 2 * pad;
    float fontSize = FitTextSize(font, maxSize, m.smallSize * 0.75f, text, width, size.y - pad);
    float height = WrappedHeight(font, fontSize, text, width);
    DrawWrappedText(ImGui::GetWindowDrawList(), font, fontSize,
                    ImVec2(pos.x + pad, pos.y + (size.y - height) * 0.5f), width, text, color, centred);
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
    const bool vertical = m.portrait;
    const float fcount = static_cast<float>(count);
    for (int i = 0; i < count; ++i) {
        const Option& option = q.options[static_cast<size_t>(i)];
        const std::string& label = Text(ui, option.label);
        const bool selected = IsSelected(view.answer, option.code);
        ImVec2 pos, size;
        if (vertical) {
            const float rowHeight = std::min((a.h - m.gap * (fcount - 1)) / fcount, 170 * m.unit);
            const float blockHeight = rowHeight * fcount + m.gap * (fcount - 1);
            pos = ImVec2(a.x, a.y + (a.h - blockHeight) * 0.5f + static_cast<float>(i) * (rowHeight + m.gap));
            size = ImVec2(a.w, rowHeight);
        } else {
            const float tileWidth = std::min((a.w - m.gap * (fcount - 1)) / fcount, 280 * m.unit);
            const float tileHeight = std::min(a.h, tileWidth * 1.45f);
            const float blockWidth = tileWidth * fcount + m.gap * (fcount - 1);
            pos = ImVec2(a.x + (a.w - blockWidth) * 0.5f + static_cast<float>(i) * (tileWidth + m.gap),
                         a.y + (a.h - tileHeight) * 0.5f);
            size = ImVec2(tileWidth, tileHeight);
        }
        if (Tile(ui, "option:" + option.code, label, "button", pos, size, selected).clicked) {
            action.kind = Kind::Answer;
            action.value = option.code;
        }
        const bool dontKnow = option.code == kDontKnowCode;
        if (vertical) {
            const float radius = size.y * 0.36f;
            const ImVec2 centre(pos.x + m.gap + radius, pos.y + size.y * 0.5f);
            if (dontKnow)
                DrawDontKnowFace(ui, draw, centre, radius);
            else
                DrawFace(draw, centre, radius, i, levels);
            const float textX = centre.x + radius + m.gap;
            TileLabel(ui, label, ImVec2(textX, pos.y), ImVec2(pos.x + size.x - textX, size.y), false,
                      m.bodySize);
        } else {
            const float radius = std::min(size.x * 0.36f, size.y * 0.26f);
            const ImVec2 centre(pos.x + size.x * 0.5f, pos.y + m.gap + radius);
            if (dontKnow)
                DrawDontKnowFace(ui, draw, centre, radius);
            else
                DrawFace(draw, centre, radius, i, levels);
            const float textY = centre.y + radius + m.gap * 0.5f;
            TileLabel(ui, label, ImVec2(pos.x, textY), ImVec2(size.x, pos.y + size.y - textY), true,
                      m.bodySize * 0.9f);
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
        const float fontSize = std::min(m.titleSize, side * 0.55f);
        ImVec2 textSize = ui.fonts.title->CalcTextSizeA(fontSize, FLT_MAX, 0, text.c_str());
        ImGui::GetWindowDrawList()->AddText(
            ui.fonts.title, fontSize,
            ImVec2(pos.x + (side - textSize.x) * 0.5f, pos.y + (side - textSize.y) * 0.5f),
            value == selected ? colors::kSelected : colors::kText, text.c_str());
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
    if (!low.empty())
        DrawWrappedText(draw, ui.fonts.body, m.smallSize, ImVec2(block.x, y), half,
                        Format("{n} = ", q.min) + low, colors::kMuted, false);
    if (!high.empty()) {
        const std::string right = Format("{n} = ", q.max) + high;
        const float width =
            std::min(half, ui.fonts.body->CalcTextSizeA(m.smallSize, FLT_MAX, 0, right.c_str()).x + 1);
        DrawWrappedText(draw, ui.fonts.body, m.smallSize, ImVec2(block.x + block.w - width, y), width, right,
                        colors::kMuted, false);
    }
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
        const ImVec2 pos(a.x + (a.w - blockWidth) * 0.5f + rowOffset +
                             static_cast<float>(i % columns) * (tileWidth + m.gap),
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
        float textX = pos.x;
        if (multi) {
            const float box = std::min(tileHeight * 0.45f, 56 * m.unit);
            const ImVec2 b0(pos.x + m.gap, pos.y + (tileHeight - box) * 0.5f);
            draw->AddRectFilled(b0, Max(b0, ImVec2(box, box)), selected ? colors::kSelected : colors::kTile,
                                m.rounding * 0.4f);
            draw->AddRect(b0, Max(b0, ImVec2(box, box)), selected ? colors::kSelected : colors::kMuted,
                          m.rounding * 0.4f, 0, 2.5f * m.unit);
            if (selected)
                DrawCheckMark(draw, ImVec2(b0.x + box * 0.5f, b0.y + box * 0.5f), box * 0.8f,
                              colors::kOnAccent, box * 0.13f);
            textX = b0.x + box;
        }
        TileLabel(ui, label, ImVec2(textX, pos.y), ImVec2(pos.x + tileWidth - textX, tileHeight), !multi,
                  m.bodySize, enabled ? colors::kText : colors::kMuted);
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
        const ImVec2 pos(x0 + static_cast<float>(i) * (tileWidth + m.gap), a.y + (a.h - tileHeight) * 0.5f);
        const bool selected = IsSelected(view.answer, option.code);
        if (Tile(ui, "option:" + option.code, label, "button", pos, ImVec2(tileWidth, tileHeight), selected)
                .clicked) {
            action.kind = Kind::Answer;
            action.value = option.code;
        }
        const float radius = std::min(tileWidth, tileHeight) * 0.22f;
        const ImVec2 centre(pos.x + tileWidth * 0.5f, pos.y + m.gap + radius);
        const bool yes = option.code == "yes";
        draw->AddCircleFilled(centre, radius, yes ? colors::kFace[4] : colors::kFace[0], 48);
        if (yes)
            DrawCheckMark(draw, centre, radius * 1.2f, colors::kOnAccent, radius * 0.2f);
        else
            DrawCross(draw, centre, radius * 1.2f, colors::kOnAccent, radius * 0.2f);
        const float textY = centre.y + radius + m.gap * 0.5f;
        TileLabel(ui, label, ImVec2(pos.x, textY), ImVec2(tileWidth, pos.y + tileHeight - textY), true,
                  m.titleSize);
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
    // squares smaller than a fingertip; there the headings go left of their rows, where five to ten
    // squares leave room.
    const bool beside = half - heading < m.minTarget;
    float headingWidth = 0;
    for (UiText name : names)
        headingWidth = std::max(
            headingWidth, ui.fonts.title->CalcTextSizeA(m.bodySize, FLT_MAX, 0, Tr(name, ui.language)).x);
    Area block{};
    for (int row = 0; row < 2; ++row) {
        const float y = a.y + static_cast<float>(row) * (half + m.gap);
        const Area numbers = beside ? Area{a.x + headingWidth + m.gap, y, a.w - headingWidth - m.gap, half}
                                    : Area{a.x, y + heading, a.w, half - heading};
        const int selected = value.contains(keys[row]) ? value[keys[row]].get<int>() : -1;
        int tapped = -1;
        block = NumberRow(ui, std::string(keys[row]) + ":", q.min, q.max, selected, numbers, 1, &tapped);
        // "Before" / "Now" just above the left end of its row of numbers, or left of it.
        const char* name = Tr(names[row], ui.language);
        const float nameWidth = ui.fonts.title->CalcTextSizeA(m.bodySize, FLT_MAX, 0, name).x;
        const ImVec2 at = beside
                              ? ImVec2(block.x - m.gap - nameWidth, block.y + (block.h - m.bodySize) * 0.5f)
                              : ImVec2(block.x, block.y - heading);
        ImGui::GetWindowDrawList()->AddText(ui.fonts.title, m.bodySize, at, colors::kText, name);
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
    draw->AddRectFilled(d0, d1, colors::kTile, m.rounding);
    draw->AddRect(d0, d1, colors::kTileBorder, m.rounding, 0, 2.5f * m.unit);
    const float digitSize = std::min(m.titleSize, displayHeight * 0.7f);
    ImVec2 textSize = ui.fonts.title->CalcTextSizeA(digitSize, FLT_MAX, 0, digits.c_str());
    draw->AddText(ui.fonts.title, digitSize,
                  ImVec2(d1.x - textSize.x - m.gap, d0.y + (displayHeight - textSize.y) * 0.5f),
                  colors::kText, digits.c_str());
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
        if (back) DrawEraseArrow(draw, pos, ImVec2(keyWidth, keyHeight), m.unit);
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
        FitTextSize(ui.fonts.title, m.titleSize * 0.8f, m.bodySize * 0.7f, label, width, m.height * 0.14f);
    const float labelHeight =
        DrawWrappedText(draw, ui.fonts.title, labelSize, ImVec2(m.margin, y), width, label, colors::kText);
    ui.dump.Add({"question_text", label, "text", m.margin, y, width, labelHeight, true, false});
    y += labelHeight + m.gap * 0.5f;

    // What has been typed, its end in view, with a caret.
    const float boxHeight = std::max(m.bodySize * 1.6f, m.minTarget * 0.8f);
    const ImVec2 b0(m.margin, y), b1(m.margin + width, y + boxHeight);
    draw->AddRectFilled(b0, b1, colors::kTile, m.rounding * 0.5f);
    draw->AddRect(b0, b1, colors::kAccent, m.rounding * 0.5f, 0, 3 * m.unit);
    const float textSize = std::min(m.bodySize, boxHeight * 0.6f);
    const char* shown = text.c_str();
    while (*shown && ui.fonts.body->CalcTextSizeA(textSize, FLT_MAX, 0, shown).x > width - 3 * m.gap) {
        ++shown;
        while ((static_cast<unsigned char>(*shown) & 0xC0) == 0x80)
            ++shown;
    }
    const ImVec2 textPos(b0.x + m.gap, y + (boxHeight - textSize) * 0.5f);
    draw->AddText(ui.fonts.body, textSize, textPos, colors::kText, shown);
    const float caretX = textPos.x + ui.fonts.body->CalcTextSizeA(textSize, FLT_MAX, 0, shown).x + 2;
    draw->AddLine(ImVec2(caretX, textPos.y), ImVec2(caretX, textPos.y + textSize), colors::kAccent,
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
    if (BigButton(ui, "key:space", Tr(UiText::Space, ui.language), ImVec2(x0 + 2 * (keyWidth + gap), y),
                  ImVec2(keyWidth * 5 + gap * 4, keyHeight), ButtonStyle::Secondary, true, {labelMax}) &&
        Utf8Length(typed + " ").value_or(0) <= static_cast<size_t>(q.maxLength))
        typed += ' ';
    if (typed != text || shiftAfter != shift) {
        action.kind = Kind::Draft;
        action.value = {{"text", typed}, {"shift", shiftAfter}};
    }
    if (session.CanGoBack() &&
        BigButton(ui, "back", Tr(UiText::Back, ui.language), ImVec2(x0, y),
                  ImVec2(keyWidth * 2 + gap, keyHeight), ButtonStyle::Secondary, true, {labelMax}))
        action.kind = Kind::Back;
    const bool empty = typed.empty();
    const UiText nextText = session.IsLastQuestion() ? UiText::Finish : empty ? UiText::Skip : UiText::Next;
    if (BigButton(ui, "next", Tr(nextText, ui.language), ImVec2(x0 + 7 * (keyWidth + gap), y),
                  ImVec2(keyWidth * 4 + gap * 3, keyHeight), ButtonStyle::Primary, !(q.required && empty),
                  {labelMax}))
        action.kind = Kind::Next;
}

} // namespace

VisitorAction DrawQuestionScreen(UiContext& ui, const SurveySession& session, const QuestionView& view) {
    VisitorAction action;
    const Question* q = session.CurrentQuestion();
    if (!q) return action;
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;

    // Top bar: progress on the left, stop on the right.
    const float topHeight = std::max(m.minTarget, 80 * m.unit);
    const float stopWidth = std::max(m.minTarget * 2, 200 * m.unit);
    // An info screen is not a question: it gets the bar but no "question n of m".
    const std::string progress = TakesAnswer(q->type) ? Format(Tr(UiText::QuestionOf, ui.language),
                                                               session.Position(), session.VisibleCount())
                                                      : std::string();
    const float barWidth = std::min(width - stopWidth - m.gap, 520 * m.unit);
    draw->AddText(ui.fonts.body, m.smallSize, ImVec2(m.margin, m.margin), colors::kText, progress.c_str());
    const ImVec2 bar0(m.margin, m.margin + m.smallSize * 1.4f);
    const float barHeight = 12 * m.unit;
    const float done = session.VisibleCount() > 0 ? static_cast<float>(session.Position()) /
                                                        static_cast<float>(session.VisibleCount())
                                                  : 0;
    draw->AddRectFilled(bar0, ImVec2(bar0.x + barWidth, bar0.y + barHeight), colors::kProgressTrack,
                        barHeight);
    draw->AddRectFilled(bar0, ImVec2(bar0.x + barWidth * done, bar0.y + barHeight), colors::kAccent,
                        barHeight);
    ui.dump.Add({"progress", progress, "text", m.margin, m.margin, barWidth, bar0.y + barHeight - m.margin,
                 true, false});
    if (BigButton(ui, "stop", Tr(UiText::Stop, ui.language), ImVec2(m.width - m.margin - stopWidth, m.margin),
                  ImVec2(stopWidth, topHeight), ButtonStyle::Secondary))
        action.kind = Kind::Stop;
    if (q->type == QuestionType::Text) {
        TextEntry(ui, session, view, m.margin + topHeight + m.gap, action);
        return action;
    }

    // Bottom bar: back and next.
    const float bottomHeight = std::max(m.minTarget * 1.2f, 110 * m.unit);
    const float bottomY = m.height - m.margin - bottomHeight;
    const float navWidth = std::min((width - m.gap) / 2, 360 * m.unit);
    if (session.CanGoBack() && BigButton(ui, "back", Tr(UiText::Back, ui.language), ImVec2(m.margin, bottomY),
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
    if (BigButton(ui, "next", Tr(nextText, ui.language), ImVec2(m.width - m.margin - navWidth, bottomY),
                  ImVec2(navWidth, bottomHeight), ButtonStyle::Primary, canNext))
        action.kind = Kind::Next;

    // The question.
    float y = m.margin + topHeight + m.gap * 1.5f;
    // A clear gap above back/next, so a tap on the last answer row cannot land on them.
    const float middleBottom = bottomY - m.gap * 2.5f;
    const float middle = middleBottom - y;
    const bool hasAnswers = q->type != QuestionType::Info;
    const std::string& label = Text(ui, q->label);
    const float labelSize = FitTextSize(ui.fonts.title, m.titleSize, m.bodySize * 0.8f, label, width,
                                        hasAnswers ? middle * 0.3f : middle * 0.6f);
    const float labelHeight =
        DrawWrappedText(draw, ui.fonts.title, labelSize, ImVec2(m.margin, y), width, label, colors::kText);
    ui.dump.Add({"question_text", label, "text", m.margin, y, width, labelHeight, true, false});
    y += labelHeight + m.gap * 0.5f;
    std::string help = Text(ui, q->help);
    if (q->type == QuestionType::MultiChoice && help.empty())
        help = q->maxChoices > 0 ? Format(Tr(UiText::ChooseUpTo, ui.language), q->maxChoices)
                                 : Tr(UiText::ChooseAll, ui.language);
    if (!help.empty())
        y += DrawWrappedText(draw, ui.fonts.body,
                             q->type == QuestionType::Info ? m.bodySize : m.bodySize * 0.85f,
                             ImVec2(m.margin, y), width, help, colors::kMuted) +
             m.gap * 0.5f;
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

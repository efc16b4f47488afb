// See response_table.h. Answers arrive as stored JSON text; the common ones (an option code, a
// number) are turned into cells without a JSON parser, which is most of the CSV export's speed.
#include "report/response_table.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>

namespace ik {
namespace {

const char* const kResponseColumns[] = {
    "seq",        "questionnaire_id", "questionnaire_version", "status",        "language",
    "started_at", "finished_at",      "utc_offset_minutes",    "started_local", "flags"};

// A view: `text` must stay valid while the row is in use (the visited response, a questionnaire).
void SetView(TableCell& cell, std::string_view text) {
    cell.type = CellType::Text;
    cell.kioskMade = false;
    cell.text = text;
}

void SetText(TableCell& cell, std::string_view text) {
    cell.type = CellType::Text;
    cell.kioskMade = false;
    cell.Own(text);
}

// Text the kiosk made (see TableCell::kioskMade), as a view.
void SetKioskText(TableCell& cell, std::string_view text) {
    cell.type = CellType::Text;
    cell.kioskMade = true;
    cell.text = text;
}

void SetNumber(TableCell& cell, std::string_view text, bool view) {
    cell.type = CellType::Number;
    if (view)
        cell.text = text;
    else
        cell.Own(text);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    cell.number = value;
}

void SetInt(TableCell& cell, std::int64_t value) {
    cell.type = CellType::Number;
    std::string& storage = cell.Storage();
    storage.resize(24);
    const std::to_chars_result end = std::to_chars(storage.data(), storage.data() + storage.size(), value);
    storage.resize(static_cast<std::size_t>(end.ptr - storage.data()));
    cell.UseStorage();
    cell.number = static_cast<double>(value);
}

void Clear(TableCell& cell) {
    cell.type = CellType::Empty;
    cell.text = {};
}

void SetJsonNumber(TableCell& cell, const nlohmann::json& value) {
    if (value.is_number())
        SetNumber(cell, value.dump(), false);
    else
        SetText(cell, value.dump());
}

// Flags ("[]" or ["fast","burst"]) as "fast burst".
std::string FlagsText(std::string_view json) {
    if (json == "[]" || json.empty()) return {};
    std::string out;
    if (std::optional<std::vector<std::string>> flags = ParseFlagsJson(json))
        for (const std::string& flag : *flags)
            out += (out.empty() ? "" : " ") + flag;
    else
        out.assign(json);
    return out;
}

int Digits(std::string_view s, std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

} // namespace

bool FormatLocalDateTime(std::string_view utc, int utcOffsetMinutes, char (&buf)[19]) {
    using namespace std::chrono;
    if (utc.size() < 19 || utc[4] != '-' || utc[7] != '-' || utc[10] != 'T' || utc[13] != ':' ||
        utc[16] != ':')
        return false;
    const int y = Digits(utc, 0, 4), mo = Digits(utc, 5, 2), d = Digits(utc, 8, 2), h = Digits(utc, 11, 2),
              mi = Digits(utc, 14, 2), s = Digits(utc, 17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return false;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return false;
    const sys_seconds local =
        sys_days{date} + hours{h} + minutes{mi} + seconds{s} + minutes{utcOffsetMinutes};
    const sys_days localDay = floor<days>(local);
    const year_month_day ld{localDay};
    const hh_mm_ss<seconds> t{local - localDay};
    const int year = static_cast<int>(ld.year());
    if (year < 0 || year > 9999) return false;
    // By hand rather than snprintf: this runs for every row of an export.
    auto put = [&buf](std::size_t at, int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            buf[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, year, 4);
    buf[4] = '-';
    put(5, static_cast<int>(static_cast<unsigned>(ld.month())), 2);
    buf[7] = '-';
    put(8, static_cast<int>(static_cast<unsigned>(ld.day())), 2);
    buf[10] = ' ';
    put(11, static_cast<int>(t.hours().count()), 2);
    buf[13] = ':';
    put(14, static_cast<int>(t.minutes().count()), 2);
    buf[16] = ':';
    put(17, static_cast<int>(t.seconds().count()), 2);
    return true;
}

std::string LocalDateTimeText(std::string_view utcIso, int utcOffsetMinutes) {
    char buf[19];
    if (!FormatLocalDateTime(utcIso, utcOffsetMinutes, buf)) return {};
    return std::string(buf, sizeof buf);
}

Result<ResponseTable> ResponseTable::Make(const QuestionnaireStore& questionnaires,
                                          const ResponseQuery& query, const TableOptions& options) {
    ResponseTable table;
    table.m_options = options;
    Result<std::vector<QuestionnaireInfo>> list = questionnaires.List();
    if (!list) return Error{list.error()};
    for (const QuestionnaireInfo& info : *list) {
        if (query.questionnaireId && info.id != *query.questionnaireId) continue;
        if (info.responseCount == 0) continue;
        Result<std::optional<Questionnaire>> q = questionnaires.Load(info.id, info.version);
        if (!q) return Error{q.error()};
        if (*q) table.m_versions.emplace(std::pair{info.id, info.version}, std::move(**q));
    }

    const bool wide = !options.longFormat;
    table.m_header.push_back(wide ? "id" : "response_id");
    for (const char* column : kResponseColumns)
        table.m_header.push_back(column);
    if (!wide)
        for (const char* column : {"question_id", "part", "value"})
            table.m_header.push_back(column);

    // Question columns: per questionnaire id, the newest version's questions in order, then what only
    // older versions had (m_versions is ordered by id, then version; walk each id's versions backwards).
    std::map<std::string, int> columnOf; // "grade", "skill_then", ...
    auto addColumn = [&](const std::string& key) {
        auto [it, added] = columnOf.emplace(key, static_cast<int>(table.m_header.size()));
        if (added) table.m_header.push_back(key);
        return it->second;
    };
    std::vector<std::string> ids;
    for (const auto& [key, q] : table.m_versions)
        if (ids.empty() || ids.back() != key.first) ids.push_back(key.first);
    for (const std::string& id : ids) {
        std::vector<const Questionnaire*> versions;
        for (const auto& [key, q] : table.m_versions)
            if (key.first == id) versions.push_back(&q);
        std::reverse(versions.begin(), versions.end());
        for (const Questionnaire* q : versions) {
            std::vector<Slot>& slots = table.m_slots[{q->id, q->version}];
            for (const Question& question : q->questions) {
                if (!TakesAnswer(question.type)) continue;
                Slot slot{question.id, &question, q, -1, question.type == QuestionType::ThenNow};
                if (wide) {
                    if (slot.thenNow) {
                        slot.column = addColumn(question.id + "_then");
                        addColumn(question.id + "_now");
                    } else {
                        slot.column = addColumn(question.id);
                    }
                }
                slots.push_back(std::move(slot));
            }
        }
    }
    // then/now needs its _now column right after _then; addColumn only appends, so check it holds
    // (a then_now id that was another type in an older version would break it).
    for (auto& [key, slots] : table.m_slots)
        for (Slot& slot : slots)
            if (slot.thenNow && wide &&
                table.m_header[static_cast<std::size_t>(slot.column) + 1] != slot.questionId + "_now")
                return Error{"questionnaire \"" + key.first + "\": question \"" + slot.questionId +
                             "\" changed type between versions; export the versions one by one"};
    table.m_cells.resize(table.m_header.size());
    return table;
}

const std::vector<ResponseTable::Slot>* ResponseTable::SlotsFor(std::string_view questionnaireId,
                                                                int version) {
    if (m_lastSlots && m_lastKey.second == version && m_lastKey.first == questionnaireId) return m_lastSlots;
    m_lastKey = {std::string(questionnaireId), version};
    auto it = m_slots.find(m_lastKey);
    m_lastSlots = it == m_slots.end() ? nullptr : &it->second;
    return m_lastSlots;
}

Status ResponseTable::AnswerCells(const Slot& slot, const RawAnswer& answer, TableCell& first,
                                  TableCell& second) {
    const std::string_view raw = answer.value;
    const Question& q = *slot.question;
    const bool labels = m_options.labelLanguage.has_value();
    auto label = [&](std::string_view code) -> std::string_view {
        if (!labels || !HasOptions(q.type)) return code;
        const Option* option = q.FindOption(code);
        if (!option) return code;
        return PickText(option->label, *m_options.labelLanguage, slot.questionnaire->DefaultLanguage());
    };
    Clear(first);
    Clear(second);
    if (raw.empty()) return {};
    // The two common cases without a parser: "code" (no escapes) and a plain number.
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"' &&
        raw.find('\\') == std::string_view::npos) {
        SetView(first, label(raw.substr(1, raw.size() - 2))); // the raw answer or a questionnaire label
        return {};
    }
    if (raw.front() == '-' || (raw.front() >= '0' && raw.front() <= '9')) {
        SetNumber(first, raw, true);
        return {};
    }
    const nlohmann::json value = nlohmann::json::parse(raw, nullptr, false);
    if (value.is_discarded())
        return Error{"the answer to \"" + slot.questionId + "\" is not valid JSON: " + std::string(raw)};
    if (value.is_string()) {
        SetText(first, label(value.get_ref<const std::string&>()));
    } else if (value.is_array()) {
        m_codes.clear();
        std::string joined;
        for (const nlohmann::json& code : value) {
            m_codes.emplace_back(code.is_string() ? label(code.get_ref<const std::string&>())
                                                  : std::string_view(code.dump()));
            joined += (joined.empty() ? "" : "|") + m_codes.back();
        }
        SetText(first, joined);
    } else if (value.is_object() && slot.thenNow && value.contains("then") && value.contains("now")) {
        SetJsonNumber(first, value.at("then"));
        SetJsonNumber(second, value.at("now"));
    } else {
        SetJsonNumber(first, value);
    }
    return {};
}

Status ResponseTable::Rows(const RawResponse& r,
                           const std::function<Status(const std::vector<TableCell>&)>& emit) {
    std::vector<TableCell>& cells = m_cells;
    // Only what the kiosk itself wrote in a known shape counts as kiosk-made: a UUID and timestamps
    // are checked for their characters, not taken on trust.
    auto kioskShaped = [](std::string_view text) {
        for (char c : text)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-' || c == ':' || c == '.' ||
                  c == 'T' || c == 'Z' || c == ' '))
                return false;
        return !text.empty() && text.front() >= '0' && text.front() <= '9';
    };
    auto setChecked = [&](TableCell& cell, std::string_view text) {
        if (kioskShaped(text))
            SetKioskText(cell, text);
        else
            SetView(cell, text);
    };
    setChecked(cells[0], r.id);
    SetInt(cells[1], r.seq);
    SetView(cells[2], r.questionnaireId);
    SetInt(cells[3], r.questionnaireVersion);
    SetKioskText(cells[4], ResponseStatusName(r.status));
    SetView(cells[5], r.language);
    setChecked(cells[6], r.startedAt);
    if (r.finishedAt.empty())
        Clear(cells[7]);
    else
        setChecked(cells[7], r.finishedAt);
    SetInt(cells[8], r.utcOffsetMinutes);
    char local[19];
    if (FormatLocalDateTime(r.startedAt, r.utcOffsetMinutes, local)) {
        SetText(cells[9], std::string_view(local, sizeof local));
        cells[9].kioskMade = true; // digits, '-', ' ' and ':' by construction
    } else {
        Clear(cells[9]);
    }
    if (r.flags == "[]")
        Clear(cells[10]);
    else
        SetText(cells[10], FlagsText(r.flags));

    const std::vector<Slot>* slots = SlotsFor(r.questionnaireId, r.questionnaireVersion);
    auto findSlot = [&](std::string_view questionId) -> const Slot* {
        if (!slots) return nullptr;
        for (const Slot& slot : *slots)
            if (slot.questionId == questionId) return &slot;
        return nullptr;
    };

    if (!m_options.longFormat) {
        for (std::size_t i = 11; i < cells.size(); ++i)
            Clear(cells[i]);
        TableCell spare;
        for (const RawAnswer& answer : r.answers) {
            const Slot* slot = findSlot(answer.questionId);
            if (!slot) continue; // a question this version does not have (never written by the kiosk)
            TableCell& first = cells[static_cast<std::size_t>(slot->column)];
            TableCell& second = slot->thenNow ? cells[static_cast<std::size_t>(slot->column) + 1] : spare;
            if (Status s = AnswerCells(*slot, answer, first, second); !s)
                return Error{"response " + std::string(r.id) + ": " + s.error()};
        }
        return emit(cells);
    }

    // Long: question_id, part, value after the response columns; multiple choice gives a row per code.
    TableCell first, second;
    for (const RawAnswer& answer : r.answers) {
        const Slot* slot = findSlot(answer.questionId);
        if (!slot) continue;
        if (Status s = AnswerCells(*slot, answer, first, second); !s)
            return Error{"response " + std::string(r.id) + ": " + s.error()};
        SetText(cells[11], answer.questionId);
        if (slot->thenNow) {
            for (auto [part, cell] : {std::pair{"then", &first}, std::pair{"now", &second}}) {
                SetText(cells[12], part);
                cells[13] = *cell;
                if (Status s = emit(cells); !s) return s;
            }
        } else if (slot->question->type == QuestionType::MultiChoice && answer.value.starts_with('[')) {
            Clear(cells[12]);
            for (const std::string& code : m_codes) {
                SetText(cells[13], code);
                if (Status s = emit(cells); !s) return s;
            }
        } else {
            Clear(cells[12]);
            cells[13] = first;
            if (Status s = emit(cells); !s) return s;
        }
    }
    return {};
}

} // namespace ik

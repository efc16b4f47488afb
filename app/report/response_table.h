// Responses as a table: the columns and cells that the CSV and the XLSX exports both write, so the two
// agree row for row. Wide: one row per response, one column per question (two for then/now: _then
// and _now). Long: one row per answer (per chosen option of a multiple choice, per part of then/now).
// Cells are typed (text or number); neutralising formulas is the CSV writer's job, since an XLSX
// string cell can never run as a formula.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/questionnaire.h"
#include "core/result.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"

namespace ik {

struct TableOptions {
    // Option labels in this language instead of codes (falling back to the questionnaire's default
    // language where a label is missing). Numbers stay numbers.
    std::optional<std::string> labelLanguage;
    bool longFormat = false; // one row per answer instead of one per response
};

enum class CellType { Empty, Text, Number };

// A cell's text is a view: into the response being visited (valid until the next row), into the
// questionnaire (labels), or into the cell's own storage for text made here. Views instead of copies
// are a good part of the CSV export's speed.
struct TableCell {
    CellType type = CellType::Empty;
    std::string_view text; // text, or a number as written in JSON ("7", "12.5")
    double number = 0;
    // Text the kiosk made itself (UUIDs, ISO times, status, flags): a CSV writer may skip the
    // formula and quoting checks. Never set for answers, labels or anything a person typed.
    bool kioskMade = false;

    TableCell() = default;
    TableCell(const TableCell& other) { *this = other; }
    TableCell& operator=(const TableCell& other) {
        type = other.type;
        number = other.number;
        kioskMade = other.kioskMade;
        if (other.OwnsText())
            Own(other.text);
        else
            text = other.text;
        return *this;
    }
    // Copies `value` into the cell's own storage.
    void Own(std::string_view value) {
        m_storage.assign(value);
        text = m_storage;
    }
    std::string& Storage() { return m_storage; } // fill, then call UseStorage()
    void UseStorage() { text = m_storage; }

private:
    bool OwnsText() const { return !text.empty() && text.data() == m_storage.data(); }
    std::string m_storage;
};

class ResponseTable {
public:
    // The columns for every stored version of the questionnaires the query selects (all when it
    // names none) that has responses: questions of the newest version first, in order, then those
    // only older versions had. Questionnaires sharing a question id share its column.
    static Result<ResponseTable> Make(const QuestionnaireStore& questionnaires, const ResponseQuery& query,
                                      const TableOptions& options);

    const std::vector<std::string>& Header() const { return m_header; }
    // The definitions the columns come from (for the XLSX questionnaire sheet and the summaries).
    const std::map<std::pair<std::string, int>, Questionnaire>& Questionnaires() const { return m_versions; }

    // Calls `emit` for each row of this response (wide: one; long: one per answer part). The cells
    // are reused for the next row: copy what must be kept.
    Status Rows(const RawResponse& response,
                const std::function<Status(const std::vector<TableCell>&)>& emit);

private:
    struct Slot { // one question of one version
        std::string questionId;
        const Question* question = nullptr;
        const Questionnaire* questionnaire = nullptr;
        int column = -1; // wide: its column (then/now: the _then column; _now is the next)
        bool thenNow = false;
    };
    const std::vector<Slot>* SlotsFor(std::string_view questionnaireId, int version);
    Status AnswerCells(const Slot& slot, const RawAnswer& answer, TableCell& first, TableCell& second);

    TableOptions m_options;
    std::vector<std::string> m_header;
    std::map<std::pair<std::string, int>, Questionnaire> m_versions;
    std::map<std::pair<std::string, int>, std::vector<Slot>> m_slots;
    std::pair<std::string, int> m_lastKey{"", -1}; // the slots looked up last (rows come in runs)
    const std::vector<Slot>* m_lastSlots = nullptr;
    std::vector<TableCell> m_cells;
    std::vector<std::string> m_codes; // scratch for multiple choice
};

// "YYYY-MM-DD HH:MM:SS" local time for a stored UTC time and offset; "" when it is not one.
std::string LocalDateTimeText(std::string_view utcIso, int utcOffsetMinutes);
// The same into `out` (19 characters); false when `utcIso` is not such a time.
bool FormatLocalDateTime(std::string_view utcIso, int utcOffsetMinutes, char (&out)[19]);

} // namespace ik

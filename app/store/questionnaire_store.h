// Questionnaires in SQLite: imported as canonical JSON, immutable once stored (a changed definition
// becomes the next version), listed with their response counts, and the one the kiosk shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.h"
#include "core/result.h"
#include "store/database.h"

namespace ik {

struct QuestionnaireRef {
    std::string id;
    int version = 0;
    bool operator==(const QuestionnaireRef&) const = default;
};

struct QuestionnaireInfo {
    std::string id;
    int version = 0;
    std::string title;      // in the questionnaire's default language
    std::string importedAt; // UTC ISO-8601
    std::int64_t responseCount = 0;
    bool active = false;
};

class QuestionnaireStore {
public:
    explicit QuestionnaireStore(Database& db) : m_db(db) {}

    // Stores the questionnaire and returns the version actually stored:
    //  - the same content as an already stored version of this id: nothing is written, that version
    //    is returned (importing a file twice is harmless);
    //  - (id, version) free: stored as that version;
    //  - (id, version) taken by different content: stored as the highest version + 1, because
    //    responses already refer to the published one.
    Result<int> Import(const Questionnaire& questionnaire);
    // Every stored version, ordered by id then version.
    Result<std::vector<QuestionnaireInfo>> List() const;
    // One version, or the highest when `version` is empty; nullopt when there is none.
    Result<std::optional<Questionnaire>> Load(const std::string& id, std::optional<int> version = {}) const;
    // Makes a stored version the one the kiosk shows.
    Status Activate(const std::string& id, int version);
    Result<std::optional<QuestionnaireRef>> Active() const;

private:
    Database& m_db;
};

// "fnv1a64:" and 16 hex digits: a content hash of a stored definition, so sync can tell the
// monitor "you have this one already" without sending it again.
std::string DefinitionHash(const std::string& definition);

} // namespace ik

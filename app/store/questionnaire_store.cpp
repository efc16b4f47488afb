// QuestionnaireStore: immutable, versioned questionnaire definitions (canonical JSON plus a content
// hash) and the active-questionnaire setting. Comparing canonical JSON makes re-imports idempotent.
#include "store/questionnaire_store.h"

#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/questionnaire_json.h"
#include "store/settings_store.h"

namespace ik {
namespace {

constexpr const char* kActiveKey = "active_questionnaire";

// The core promises not to throw; this keeps a surprise (e.g. from JSON dumping) inside the store's
// error values.
Result<std::string> Canonical(const Questionnaire& questionnaire) {
    try {
        return CanonicalQuestionnaireJson(questionnaire);
    } catch (const std::exception& e) {
        return Error{std::string("could not write it as JSON: ") + e.what()};
    }
}

Result<Questionnaire> ParseStored(const std::string& definition) {
    ParsedQuestionnaire parsed = ParseQuestionnaire(definition);
    if (parsed.HasErrors() || !parsed.questionnaire) {
        for (const ValidationProblem& problem : parsed.problems)
            if (problem.severity == ValidationProblem::Severity::Error)
                return Error{"the stored definition no longer parses: " + problem.path + ": " +
                             problem.message};
        return Error{"the stored definition no longer parses"};
    }
    return std::move(*parsed.questionnaire);
}

} // namespace

std::string DefinitionHash(const std::string& definition) {
    std::uint64_t hash = 0xcbf29ce484222325ull; // FNV-1a 64-bit offset basis
    for (const char c : definition) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull; // FNV-1a 64-bit prime
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::string("fnv1a64:") + hex;
}

Result<int> QuestionnaireStore::Import(const Questionnaire& questionnaire) {
    const std::string what = "importing questionnaire \"" + questionnaire.id + "\": ";
    if (questionnaire.id.empty()) return Error{what + "it has no id"};
    if (questionnaire.version < 1) return Error{what + "its version must be 1 or more"};

    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{what + tx.error()};

    struct Stored {
        int version;
        std::string definition;
    };
    std::vector<Stored> stored;
    {
        Result<Statement> stmt =
            m_db.Query("SELECT version, definition FROM questionnaires WHERE id = ?1 ORDER BY version",
                       questionnaire.id);
        if (!stmt) return Error{what + stmt.error()};
        for (;;) {
            Result<bool> row = stmt->Step();
            if (!row) return Error{what + row.error()};
            if (!*row) break;
            stored.push_back({stmt->Int(0), stmt->Text(1)});
        }
    }

    // Same content as a stored version (whatever version number the file carries): already here.
    Questionnaire candidate = questionnaire;
    bool versionTaken = false;
    for (const Stored& s : stored) {
        candidate.version = s.version;
        Result<std::string> json = Canonical(candidate);
        if (!json) return Error{what + json.error()};
        if (*json == s.definition) return s.version; // nothing written; the transaction just ends
        versionTaken = versionTaken || s.version == questionnaire.version;
    }

    candidate.version = versionTaken ? stored.back().version + 1 : questionnaire.version;
    Result<std::string> definition = Canonical(candidate);
    if (!definition) return Error{what + definition.error()};
    Status inserted =
        m_db.Run("INSERT INTO questionnaires (id, version, definition, definition_hash, imported_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                 candidate.id, candidate.version, *definition, DefinitionHash(*definition),
                 FormatUtcIso(WallClock::now()));
    if (!inserted) return Error{what + inserted.error()};
    if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    return candidate.version;
}

Result<std::vector<QuestionnaireInfo>> QuestionnaireStore::List() const {
    const std::string what = "listing questionnaires: ";
    Result<std::optional<QuestionnaireRef>> active = Active();
    if (!active) return Error{what + active.error()};

    Result<Statement> stmt = m_db.Prepare("SELECT q.id, q.version, q.definition, q.imported_at, "
                                          "(SELECT COUNT(*) FROM responses AS r WHERE r.questionnaire_id = "
                                          "q.id AND r.questionnaire_version = q.version) "
                                          "FROM questionnaires AS q ORDER BY q.id, q.version");
    if (!stmt) return Error{what + stmt.error()};
    std::vector<QuestionnaireInfo> list;
    for (;;) {
        Result<bool> row = stmt->Step();
        if (!row) return Error{what + row.error()};
        if (!*row) break;
        QuestionnaireInfo info;
        info.id = stmt->Text(0);
        info.version = stmt->Int(1);
        // A definition that no longer parses still gets listed (without a title), so staff see it.
        if (Result<Questionnaire> parsed = ParseStored(stmt->Text(2)); parsed)
            info.title = PickText(parsed->title, parsed->DefaultLanguage());
        info.importedAt = stmt->Text(3);
        info.responseCount = stmt->Int64(4);
        info.active = *active && (*active)->id == info.id && (*active)->version == info.version;
        list.push_back(std::move(info));
    }
    return list;
}

Result<std::optional<Questionnaire>> QuestionnaireStore::Load(const std::string& id,
                                                              std::optional<int> version) const {
    const std::string what = "loading questionnaire \"" + id + "\"" +
                             (version ? " version " + std::to_string(*version) : std::string()) + ": ";
    Result<Statement> stmt =
        version
            ? m_db.Query("SELECT definition FROM questionnaires WHERE id = ?1 AND version = ?2", id, *version)
            : m_db.Query("SELECT definition FROM questionnaires WHERE id = ?1 ORDER BY version DESC LIMIT 1",
                         id);
    if (!stmt) return Error{what + stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{what + row.error()};
    if (!*row) return std::optional<Questionnaire>();
    Result<Questionnaire> parsed = ParseStored(stmt->Text(0));
    if (!parsed) return Error{what + parsed.error()};
    return std::optional<Questionnaire>(std::move(*parsed));
}

Status QuestionnaireStore::Activate(const std::string& id, int version) {
    const std::string what =
        "activating questionnaire \"" + id + "\" version " + std::to_string(version) + ": ";
    Result<Statement> stmt =
        m_db.Query("SELECT 1 FROM questionnaires WHERE id = ?1 AND version = ?2", id, version);
    if (!stmt) return Error{what + stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{what + row.error()};
    if (!*row) return Error{what + "that questionnaire version is not in the database"};
    stmt = Statement();

    const nlohmann::json ref = {{"id", id}, {"version", version}};
    SettingsStore settings(m_db);
    if (Status s =
            settings.Set(kActiveKey, ref.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        !s)
        return Error{what + s.error()};
    return {};
}

Result<std::optional<QuestionnaireRef>> QuestionnaireStore::Active() const {
    const std::string what = "reading the active questionnaire: ";
    Result<std::optional<std::string>> value = SettingsStore(m_db).Get(kActiveKey);
    if (!value) return Error{what + value.error()};
    if (!*value) return std::optional<QuestionnaireRef>();
    const nlohmann::json ref = nlohmann::json::parse(**value, nullptr, false);
    if (!ref.is_object() || !ref.contains("id") || !ref.at("id").is_string() || !ref.contains("version") ||
        !ref.at("version").is_number_integer())
        return Error{what + "the setting \"" + kActiveKey + "\" is unreadable: " + **value};
    return std::optional<QuestionnaireRef>(
        QuestionnaireRef{ref.at("id").get<std::string>(), ref.at("version").get<int>()});
}

} // namespace ik

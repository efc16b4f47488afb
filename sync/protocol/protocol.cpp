// See protocol.h. Parsing never throws: every nlohmann access is type-checked first.
#include "sync/protocol/protocol.h"

#include <set>

namespace ik::sync {
namespace {

using nlohmann::json;

const char* TypeName(const json& value) {
    return value.type_name();
}

// Small typed readers that name the path on failure.
struct Reader {
    const json& object;
    std::string path;
    std::string error;

    const json* Get(const char* key, bool required) {
        if (!error.empty()) return nullptr;
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) error = path + ": missing \"" + key + "\"";
            return nullptr;
        }
        return &*it;
    }
    std::string String(const char* key, bool required = true) {
        const json* v = Get(key, required);
        if (!v) return {};
        if (!v->is_string()) {
            error = path + "." + key + ": expected a string, got " + TypeName(*v);
            return {};
        }
        return v->get<std::string>();
    }
    std::int64_t Integer(const char* key, bool required = true) {
        const json* v = Get(key, required);
        if (!v) return 0;
        if (!v->is_number_integer()) {
            error = path + "." + key + ": expected an integer, got " + TypeName(*v);
            return 0;
        }
        return v->get<std::int64_t>();
    }
    const json* Array(const char* key, bool required = true) {
        const json* v = Get(key, required);
        if (v && !v->is_array()) {
            error = path + "." + key + ": expected an array, got " + TypeName(*v);
            return nullptr;
        }
        return v;
    }
};

json RefJson(const QuestionnaireRef& ref) {
    return {{"id", ref.id}, {"version", ref.version}};
}

Result<QuestionnaireRef> ParseRef(const json& value, const std::string& path) {
    if (!value.is_object()) return Error{path + ": expected an object, got " + TypeName(value)};
    Reader r{value, path, {}};
    QuestionnaireRef ref;
    ref.id = r.String("id");
    const std::int64_t version = r.Integer("version");
    if (!r.error.empty()) return Error{r.error};
    if (ref.id.empty()) return Error{path + ".id: must not be empty"};
    if (version < 1 || version > 1'000'000) return Error{path + ".version: must be a positive integer"};
    ref.version = static_cast<int>(version);
    return ref;
}

Result<std::vector<std::string>> ParseIdList(const json& value, const std::string& path) {
    if (!value.is_array()) return Error{path + ": expected an array, got " + TypeName(value)};
    std::vector<std::string> ids;
    for (size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) return Error{path + "[" + std::to_string(i) + "]: expected a string"};
        ids.push_back(value[i].get<std::string>());
    }
    return ids;
}

} // namespace

json ToJson(const ResponseRecord& r) {
    return {{"id", r.id},
            {"seq", r.seq},
            {"questionnaire", RefJson(r.questionnaire)},
            {"language", r.language},
            {"status", r.status},
            {"started_at", r.startedAt},
            {"finished_at", r.finishedAt},
            {"utc_offset_minutes", r.utcOffsetMinutes},
            {"flags", r.flags},
            {"answers", r.answers}};
}

json ToJson(const Batch& b) {
    json questionnaires = json::array();
    for (const QuestionnaireEntry& q : b.questionnaires) {
        json entry = {{"id", q.ref.id}, {"version", q.ref.version}, {"hash", q.hash}};
        if (q.definition) entry["definition"] = *q.definition;
        questionnaires.push_back(std::move(entry));
    }
    json responses = json::array();
    for (const ResponseRecord& r : b.responses)
        responses.push_back(ToJson(r));
    return {{"protocol", b.protocol},           {"batch_id", b.batchId},       {"kiosk_id", b.kioskId},
            {"branch_id", b.branchId},          {"app_version", b.appVersion}, {"sent_at", b.sentAt},
            {"questionnaires", questionnaires}, {"responses", responses}};
}

json ToJson(const Receipt& r) {
    json rejected = json::array();
    for (const Rejection& x : r.rejected)
        rejected.push_back({{"id", x.id}, {"code", x.code}, {"reason", x.reason}});
    json stored = json::array();
    for (const QuestionnaireRef& ref : r.questionnairesStored)
        stored.push_back(RefJson(ref));
    return {{"protocol", r.protocol},     {"receipt_for", r.batchId}, {"accepted", r.accepted},
            {"duplicates", r.duplicates}, {"rejected", rejected},     {"questionnaires_stored", stored}};
}

Result<ResponseRecord> ParseResponseRecord(const json& value, const std::string& path) {
    if (!value.is_object()) return Error{path + ": expected an object, got " + TypeName(value)};
    Reader r{value, path, {}};
    ResponseRecord record;
    record.id = r.String("id");
    record.seq = r.Integer("seq");
    record.language = r.String("language");
    record.status = r.String("status");
    record.startedAt = r.String("started_at");
    record.finishedAt = r.String("finished_at");
    const std::int64_t offset = r.Integer("utc_offset_minutes");
    const json* flags = r.Array("flags");
    const json* answers = r.Get("answers", true);
    const json* questionnaire = r.Get("questionnaire", true);
    if (!r.error.empty()) return Error{r.error};
    if (record.id.empty() || record.id.size() > 64) return Error{path + ".id: must be 1 to 64 characters"};
    if (record.status != "completed" && record.status != "abandoned")
        return Error{path + ".status: must be \"completed\" or \"abandoned\", got \"" + record.status + "\""};
    if (offset < -24 * 60 || offset > 24 * 60) return Error{path + ".utc_offset_minutes: out of range"};
    record.utcOffsetMinutes = static_cast<int>(offset);
    Result<std::vector<std::string>> flagList = ParseIdList(*flags, path + ".flags");
    if (!flagList) return Error{flagList.error()};
    record.flags = *flagList;
    if (!answers->is_object()) return Error{path + ".answers: expected an object, got " + TypeName(*answers)};
    record.answers = *answers;
    Result<QuestionnaireRef> ref = ParseRef(*questionnaire, path + ".questionnaire");
    if (!ref) return Error{ref.error()};
    record.questionnaire = *ref;
    return record;
}

Result<Batch> ParseBatch(const json& value) {
    if (!value.is_object()) return Error{"$: expected an object, got " + std::string(TypeName(value))};
    Reader r{value, "$", {}};
    Batch batch;
    const std::int64_t protocol = r.Integer("protocol");
    if (r.error.empty() && protocol != kProtocolVersion)
        return Error{"$.protocol: this monitor speaks protocol " + std::to_string(kProtocolVersion) +
                     ", not " + std::to_string(protocol)};
    batch.batchId = r.String("batch_id");
    batch.kioskId = r.String("kiosk_id");
    batch.branchId = r.String("branch_id", false);
    batch.appVersion = r.String("app_version", false);
    batch.sentAt = r.String("sent_at");
    const json* questionnaires = r.Array("questionnaires");
    const json* responses = r.Array("responses");
    if (!r.error.empty()) return Error{r.error};
    if (batch.batchId.empty()) return Error{"$.batch_id: must not be empty"};
    if (batch.kioskId.empty()) return Error{"$.kiosk_id: must not be empty"};
    if (responses->size() > static_cast<size_t>(kMaxBatchResponses))
        return Error{"$.responses: more than " + std::to_string(kMaxBatchResponses) +
                     " responses in one batch"};
    for (size_t i = 0; i < questionnaires->size(); ++i) {
        const std::string path = "$.questionnaires[" + std::to_string(i) + "]";
        const json& entry = (*questionnaires)[i];
        Result<QuestionnaireRef> ref = ParseRef(entry, path);
        if (!ref) return Error{ref.error()};
        Reader q{entry, path, {}};
        QuestionnaireEntry parsed{*ref, q.String("hash"), std::nullopt};
        if (const json* definition = q.Get("definition", false)) {
            if (!definition->is_object()) return Error{path + ".definition: expected an object"};
            parsed.definition = *definition;
        }
        if (!q.error.empty()) return Error{q.error};
        batch.questionnaires.push_back(std::move(parsed));
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < responses->size(); ++i) {
        const std::string path = "$.responses[" + std::to_string(i) + "]";
        Result<ResponseRecord> record = ParseResponseRecord((*responses)[i], path);
        if (!record) return Error{record.error()};
        if (!seen.insert(record->id).second) return Error{path + ".id: \"" + record->id + "\" appears twice"};
        batch.responses.push_back(std::move(*record));
    }
    return batch;
}

Result<Receipt> ParseReceipt(const json& value) {
    if (!value.is_object()) return Error{"$: expected an object, got " + std::string(TypeName(value))};
    Reader r{value, "$", {}};
    Receipt receipt;
    receipt.protocol = static_cast<int>(r.Integer("protocol"));
    receipt.batchId = r.String("receipt_for");
    const json* accepted = r.Array("accepted");
    const json* duplicates = r.Array("duplicates");
    const json* rejected = r.Array("rejected");
    const json* stored = r.Array("questionnaires_stored", false);
    if (!r.error.empty()) return Error{r.error};
    if (receipt.protocol != kProtocolVersion) return Error{"$.protocol: not protocol 1"};
    Result<std::vector<std::string>> a = ParseIdList(*accepted, "$.accepted");
    if (!a) return Error{a.error()};
    receipt.accepted = *a;
    Result<std::vector<std::string>> d = ParseIdList(*duplicates, "$.duplicates");
    if (!d) return Error{d.error()};
    receipt.duplicates = *d;
    for (size_t i = 0; i < rejected->size(); ++i) {
        const std::string path = "$.rejected[" + std::to_string(i) + "]";
        if (!(*rejected)[i].is_object()) return Error{path + ": expected an object"};
        Reader x{(*rejected)[i], path, {}};
        Rejection rejection{x.String("id"), x.String("code"), x.String("reason")};
        if (!x.error.empty()) return Error{x.error};
        receipt.rejected.push_back(std::move(rejection));
    }
    if (stored)
        for (size_t i = 0; i < stored->size(); ++i) {
            Result<QuestionnaireRef> ref =
                ParseRef((*stored)[i], "$.questionnaires_stored[" + std::to_string(i) + "]");
            if (!ref) return Error{ref.error()};
            receipt.questionnairesStored.push_back(*ref);
        }
    return receipt;
}

Result<Receipt> CheckReceipt(const Batch& batch, const std::string& body) {
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Error{"the reply is not JSON (a captive portal or proxy?)"};
    Result<Receipt> receipt = ParseReceipt(parsed);
    if (!receipt) return Error{"the reply is not a receipt: " + receipt.error()};
    if (receipt->batchId != batch.batchId)
        return Error{"the receipt is for batch \"" + receipt->batchId + "\", not \"" + batch.batchId + "\""};
    std::set<std::string> expected;
    for (const ResponseRecord& r : batch.responses)
        expected.insert(r.id);
    std::set<std::string> answered;
    auto account = [&](const std::string& id) -> Status {
        if (!expected.count(id))
            return Error{"the receipt names response \"" + id + "\", which was not sent"};
        if (!answered.insert(id).second) return Error{"the receipt names response \"" + id + "\" twice"};
        return {};
    };
    for (const std::string& id : receipt->accepted)
        if (Status s = account(id); !s) return Error{s.error()};
    for (const std::string& id : receipt->duplicates)
        if (Status s = account(id); !s) return Error{s.error()};
    for (const Rejection& x : receipt->rejected)
        if (Status s = account(x.id); !s) return Error{s.error()};
    if (answered.size() != expected.size())
        return Error{"the receipt leaves " + std::to_string(expected.size() - answered.size()) +
                     " response(s) of the batch unaccounted for"};
    return receipt;
}

std::string ContentFingerprint(const ResponseRecord& record) {
    return ToJson(record).dump();
}

} // namespace ik::sync

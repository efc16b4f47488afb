// See batch_sender.h. One POST at a time; the receipt decides what is marked.
#include "sync/client/batch_sender.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sys/stat.h>

#include <curl/curl.h>
#include <zlib.h>

#include "core/clock.h"
#include "core/questionnaire_json.h"
#include "core/uuid.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"
#include "store/settings_store.h"
#include "sync/protocol/protocol.h"

namespace ik::sync {
namespace {

constexpr size_t kMaxReplyBytes = 4 * 1024 * 1024; // a receipt is small; a portal page may not be

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct HttpReply {
    long status = 0;
    std::string body;
    long retryAfter = -1;
    std::string transportError; // connection refused, timeout, TLS, ...
};

size_t CollectBody(char* data, size_t size, size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    const size_t bytes = size * count;
    if (body->size() + bytes > kMaxReplyBytes) return 0; // abort: not a receipt anyway
    body->append(data, bytes);
    return bytes;
}

size_t CollectHeader(char* data, size_t size, size_t count, void* user) {
    auto* reply = static_cast<HttpReply*>(user);
    const size_t bytes = size * count;
    std::string line(data, bytes);
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.rfind("retry-after:", 0) == 0) {
        std::string value = line.substr(12);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
            value.pop_back();
        char* end = nullptr;
        long seconds = std::strtol(value.c_str(), &end, 10);
        if (end == value.c_str() || *end != '\0') {
            // The other form: an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT").
            const time_t when = curl_getdate(value.c_str(), nullptr);
            seconds = when < 0 ? -1 : std::max(0L, static_cast<long>(when - std::time(nullptr)));
        }
        if (seconds >= 0) reply->retryAfter = std::min(seconds, 3600L);
    }
    return bytes;
}

// gzip (RFC 1952) of `data`; empty on failure (then the body goes uncompressed).
std::string Gzip(const std::string& data) {
    z_stream z{};
    // 15 + 16: a gzip header and trailer rather than raw zlib.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data())); // zlib's API is not const
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

// One POST on `curl` (reset first; its open connection to the monitor is reused, so a run of 500
// batches does not pay 500 TCP handshakes).
HttpReply Post(CURL* curl, const SenderConfig& config, const std::string& json) {
    // Answers compress about tenfold; a small batch is not worth the CPU.
    const std::string compressed = json.size() > 1024 ? Gzip(json) : std::string();
    const std::string& body = compressed.empty() ? json : compressed;
    HttpReply reply;
    if (!curl) {
        reply.transportError = "cannot initialise libcurl";
        return reply;
    }
    std::string url = config.endpoint;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    url += kBatchesPath;
    const std::string auth = "Authorization: Bearer " + config.token;
    std::unique_ptr<curl_slist, SlistDeleter> headers(
        curl_slist_append(nullptr, "Content-Type: application/json"));
    curl_slist_append(headers.get(), auth.c_str());
    curl_slist_append(headers.get(), "Expect:"); // no 100-continue round trip
    if (!compressed.empty()) curl_slist_append(headers.get(), "Content-Encoding: gzip");
    CURL* c = curl;
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &CollectBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &CollectHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &reply);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, config.connectTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, config.totalTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, config.stallSeconds);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); // a redirect is a portal, not the monitor
    // TLS is always verified; a private CA may be given.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!config.caFile.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, config.caFile.c_str());
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorText);
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        reply.transportError = *errorText ? errorText : curl_easy_strerror(rc);
        return reply;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

std::string KnownKey(const QuestionnaireRef& ref) {
    return "sync.monitor_has:" + ref.id + ":" + std::to_string(ref.version);
}

ResponseRecord ToRecord(const StoredResponse& r) {
    ResponseRecord record;
    record.id = r.id;
    record.seq = r.seq;
    record.questionnaire = {r.questionnaireId, r.questionnaireVersion};
    record.language = r.language;
    record.status = ResponseStatusName(r.status);
    record.startedAt = r.startedAt;
    record.finishedAt = r.finishedAt;
    record.utcOffsetMinutes = r.utcOffsetMinutes;
    record.flags = r.flags;
    for (const auto& [question, value] : r.answers)
        record.answers[question] = value;
    return record;
}

// The text questions of each questionnaire version (their answers stay on the kiosk unless the
// configuration says to send them), looked up once per run.
using TextQuestionCache = std::map<std::pair<std::string, int>, std::set<std::string>>;

Status DropFreeText(Database& db, ResponseRecord& record, TextQuestionCache& cache) {
    const auto key = std::make_pair(record.questionnaire.id, record.questionnaire.version);
    auto found = cache.find(key);
    if (found == cache.end()) {
        Result<std::optional<Questionnaire>> q = QuestionnaireStore(db).Load(key.first, key.second);
        if (!q) return Error{q.error()};
        std::set<std::string> ids;
        if (*q)
            for (const Question& question : (*q)->questions)
                if (question.type == QuestionType::Text) ids.insert(question.id);
        found = cache.emplace(key, std::move(ids)).first;
    }
    for (const std::string& id : found->second)
        record.answers.erase(id);
    return {};
}

// Canonical text and hash per questionnaire version, made once per run rather than once per batch.
using DefinitionCache = std::map<std::pair<std::string, int>, std::pair<std::string, std::string>>;

// The questionnaire versions a batch refers to: the definition unless the monitor acknowledged it.
Result<std::vector<QuestionnaireEntry>>
QuestionnairesFor(Database& db, const std::vector<ResponseRecord>& records, DefinitionCache& cache) {
    QuestionnaireStore questionnaires(db);
    SettingsStore settings(db);
    std::map<std::pair<std::string, int>, bool> seen;
    std::vector<QuestionnaireEntry> entries;
    for (const ResponseRecord& r : records) {
        const auto key = std::make_pair(r.questionnaire.id, r.questionnaire.version);
        if (!seen.emplace(key, true).second) continue;
        auto cached = cache.find(key);
        if (cached == cache.end()) {
            Result<std::optional<Questionnaire>> q = questionnaires.Load(key.first, key.second);
            if (!q) return Error{q.error()};
            if (!*q)
                return Error{"questionnaire " + key.first + " version " + std::to_string(key.second) +
                             " is missing from the kiosk's database"};
            std::string canonical = CanonicalQuestionnaireJson(**q);
            std::string hash = DefinitionHash(canonical);
            cached = cache.emplace(key, std::make_pair(std::move(canonical), std::move(hash))).first;
        }
        QuestionnaireEntry entry{r.questionnaire, cached->second.second, std::nullopt};
        Result<std::optional<std::string>> known = settings.Get(KnownKey(r.questionnaire));
        if (!known) return Error{known.error()};
        if (!*known || **known != entry.hash) entry.definition = nlohmann::json::parse(cached->second.first);
        entries.push_back(std::move(entry));
    }
    return entries;
}

void Record(Database& db, const SyncOutcome& outcome) {
    SettingsStore settings(db);
    const std::string now = FormatUtcIso(WallClock::now());
    settings.Set("sync.last_attempt_at", now);
    if (outcome.error.empty()) {
        settings.Set("sync.last_ok_at", now);
        settings.Erase("sync.last_error");
    } else {
        settings.Set("sync.last_error", outcome.error);
    }
}

} // namespace

Result<std::string> ReadTokenFile(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) return Error{"token file " + file.string() + ": cannot read it"};
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return Error{"token file " + file.string() + " can be read by others; run: chmod 600 " +
                     file.string()};
    std::ifstream in(file);
    std::string token;
    std::getline(in, token);
    while (!token.empty() && (token.back() == '\r' || token.back() == ' '))
        token.pop_back();
    if (token.empty()) return Error{"token file " + file.string() + " is empty"};
    return token;
}

SyncOutcome SyncOnce(Database& db, const SenderConfig& config) {
    SyncOutcome outcome;
    ResponseStore responses(db);
    SettingsStore settings(db);
    int batchSize = std::clamp(config.batchSize, 1, kMaxBatchResponses);
    int definitionResends = 0;
    static const bool curlReady = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    std::unique_ptr<CURL, CurlDeleter> curl(curlReady ? curl_easy_init() : nullptr);
    DefinitionCache definitions;
    TextQuestionCache textQuestions;
    for (;;) {
        Result<std::vector<StoredResponse>> pending = responses.LoadPending(batchSize);
        if (!pending) {
            outcome.error = pending.error();
            break;
        }
        if (pending->empty()) break;

        Batch batch;
        batch.batchId = NewUuidV7(); // new for every attempt: the receipt must name this one
        batch.kioskId = config.kioskId;
        batch.branchId = config.branchId;
        batch.appVersion = config.appVersion;
        batch.sentAt = FormatUtcIso(WallClock::now());
        Status stripped;
        for (const StoredResponse& r : *pending) {
            batch.responses.push_back(ToRecord(r));
            if (!config.sendFreeText && stripped)
                stripped = DropFreeText(db, batch.responses.back(), textQuestions);
        }
        if (!stripped) {
            outcome.error = stripped.error();
            break;
        }
        Result<std::vector<QuestionnaireEntry>> questionnaires =
            QuestionnairesFor(db, batch.responses, definitions);
        if (!questionnaires) {
            outcome.error = questionnaires.error();
            break;
        }
        batch.questionnaires = std::move(*questionnaires);

        const HttpReply reply = Post(curl.get(), config, ToJson(batch).dump());
        outcome.httpStatus = static_cast<int>(reply.status);
        if (!reply.transportError.empty()) {
            outcome.error = "cannot reach the monitor: " + reply.transportError;
            break;
        }
        if (reply.status == 413) {
            if (batchSize > 1) {
                batchSize = std::max(1, batchSize / 2); // the monitor's limit is lower than ours
                continue;
            }
            const std::string& id = batch.responses.front().id;
            if (Status q = responses.Quarantine(id, "too large for the monitor (413)"); !q) {
                outcome.error = q.error();
                break;
            }
            ++outcome.quarantined;
            continue;
        }
        if (reply.status == 401 || reply.status == 403) {
            outcome.authProblem = true;
            outcome.error = "the monitor refused the kiosk's token (HTTP " + std::to_string(reply.status) +
                            "); check [sync] token_file and [kiosk] id";
            break;
        }
        if (reply.status != 200) {
            outcome.retryAfterSeconds = reply.retryAfter;
            outcome.error = "the monitor answered HTTP " + std::to_string(reply.status);
            break;
        }
        Result<Receipt> receipt = CheckReceipt(batch, reply.body);
        if (!receipt) {
            outcome.error = "the network answered, but not the monitor: " + receipt.error();
            break;
        }
        std::vector<std::string> delivered = receipt->accepted;
        delivered.insert(delivered.end(), receipt->duplicates.begin(), receipt->duplicates.end());
        if (Status s = responses.MarkSynced(delivered); !s) {
            outcome.error = s.error();
            break;
        }
        outcome.sent += static_cast<long>(receipt->accepted.size());
        outcome.duplicates += static_cast<long>(receipt->duplicates.size());
        for (const QuestionnaireRef& ref : receipt->questionnairesStored)
            for (const QuestionnaireEntry& entry : batch.questionnaires)
                if (entry.ref == ref) settings.Set(KnownKey(ref), entry.hash);
        bool resend = false;
        for (const Rejection& rejection : receipt->rejected) {
            if (rejection.code == "unknown_questionnaire") {
                // The monitor lost or never kept the definition: send it again next time.
                for (const ResponseRecord& r : batch.responses)
                    if (r.id == rejection.id) settings.Erase(KnownKey(r.questionnaire));
                resend = true;
                continue;
            }
            if (Status q = responses.Quarantine(rejection.id, rejection.code + ": " + rejection.reason); !q) {
                outcome.error = q.error();
                break;
            }
            ++outcome.quarantined;
        }
        if (!outcome.error.empty()) break;
        // The definitions go with the next batch; if the monitor still refuses them, stop rather than loop.
        if (resend && ++definitionResends > 1) {
            outcome.error = "the monitor keeps asking for questionnaire definitions it was sent";
            break;
        }
    }
    if (Result<ResponseCounts> counts = responses.Counts()) outcome.pending = counts->pending;
    Record(db, outcome);
    return outcome;
}

} // namespace ik::sync

// Sub-commands of impactkiosk, parsed with CLI11. Each command opens what it needs, does one thing,
// and reports problems as "what: why" lines on stderr.
#include "cli/commands.h"

#include <cstdio>
#include <iostream>
#include <regex>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/demo_data.h"
#include "cli/embedded_sample.h"
#include "core/atomic_file.h"
#include "core/questionnaire_json.h"
#include "report/csv_export.h"
#include "report/json_export.h"
#include "report/xlsx_export.h"
#include "store/migrations.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"
#include "store/settings_store.h"
#include "store/staff_access.h"
#include "sync/client/batch_sender.h"

namespace ik {
namespace {

int Fail(const std::string& message) {
    std::fprintf(stderr, "impactkiosk: %s\n", message.c_str());
    return kExitFailure;
}

struct Context {
    GlobalOptions global;
    KioskConfig config;
};

Result<std::unique_ptr<Database>> OpenStore(const Context& ctx) {
    Result<std::unique_ptr<Database>> db = Database::Open(DatabaseFile(ctx.config));
    if (!db) return Error{db.error()};
    // Responses left in progress by a crash or power cut are recovered before anything reads them.
    ResponseStore responses(**db);
    if (Result<int> recovered = responses.RecoverInterrupted(); !recovered) return Error{recovered.error()};
    return db;
}

// Prints problems; true when there are errors.
bool ReportProblems(const std::string& file, const ParsedQuestionnaire& parsed) {
    for (const ValidationProblem& problem : parsed.problems)
        std::fprintf(stderr, "%s\n", FormatProblem(file, problem).c_str());
    return parsed.HasErrors();
}

// [SECTION] status

int CmdStatus(const Context& ctx, bool json) {
    nlohmann::json out;
    out["version"] = IK_VERSION;
    out["kiosk_id"] = ctx.config.kioskId;
    out["branch"] = ctx.config.branch;
    out["data_dir"] = ctx.config.dataDir.string();
    out["sync_configured"] = !ctx.config.syncEndpoint.empty();
    out["last_sync_ok_at"] = nullptr;
    out["last_sync_error"] =
        ctx.config.syncEndpoint.empty() ? nlohmann::json("sync not configured") : nullptr;
    out["sync_endpoint"] = ctx.config.syncEndpoint;
    out["active_questionnaire"] = nullptr;
    bool ok = true;
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) {
        out["db_ok"] = false;
        out["db_error"] = db.error();
        ok = false;
    } else {
        Database& database = **db;
        Result<Statement> check = database.Prepare("PRAGMA quick_check");
        Result<bool> row = check ? check->Step() : Result<bool>(Error{check.error()});
        const bool intact = row && *row && check->Text(0) == "ok";
        out["db_ok"] = intact;
        ok = ok && intact;
        if (Result<int> schema = SchemaVersion(database)) out["schema_version"] = *schema;
        ResponseStore responses(database);
        if (Result<ResponseCounts> counts = responses.Counts()) {
            out["responses_total"] = counts->total;
            out["responses_completed"] = counts->completed;
            out["responses_abandoned"] = counts->abandoned;
            out["responses_pending"] = counts->pending;
            out["responses_quarantined"] = counts->quarantined;
        } else {
            out["db_error"] = counts.error();
            ok = false;
        }
        SettingsStore settings(database);
        if (Result<std::optional<std::string>> lastOk = settings.Get("sync.last_ok_at"); lastOk && *lastOk)
            out["last_sync_ok_at"] = **lastOk;
        // A manual `sync --once --endpoint` counts: after a success, "not configured" is no error.
        if (!out["last_sync_ok_at"].is_null()) out["last_sync_error"] = nullptr;
        if (Result<std::optional<std::string>> error = settings.Get("sync.last_error"); error && *error)
            out["last_sync_error"] = **error;
        QuestionnaireStore questionnaires(database);
        if (Result<std::optional<QuestionnaireRef>> active = questionnaires.Active(); active && *active)
            out["active_questionnaire"] = {{"id", (*active)->id}, {"version", (*active)->version}};
    }
    if (json) {
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        auto show = [&out](const char* label, const char* key) {
            const nlohmann::json& v = out[key];
            std::printf("%-24s %s\n", label, v.is_string() ? v.get<std::string>().c_str() : v.dump().c_str());
        };
        show("kiosk", "kiosk_id");
        show("branch", "branch");
        show("data directory", "data_dir");
        show("database ok", "db_ok");
        show("responses", "responses_total");
        show("  completed", "responses_completed");
        show("  abandoned", "responses_abandoned");
        show("  waiting to sync", "responses_pending");
        show("  quarantined", "responses_quarantined");
        const nlohmann::json& active = out["active_questionnaire"];
        std::printf("%-24s %s\n", "active questionnaire",
                    active.is_null()
                        ? "none"
                        : (active["id"].get<std::string>() + " v" + active["version"].dump()).c_str());
        show("last sync", "last_sync_ok_at");
        show("last sync error", "last_sync_error");
    }
    if (!ok && out.contains("db_error"))
        std::fprintf(stderr, "impactkiosk: %s\n", out["db_error"].dump().c_str());
    return ok ? kExitOk : kExitFailure;
}

// [SECTION] questionnaire

int CmdValidate(const std::string& file) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    if (ReportProblems(file, parsed)) return kExitFailure;
    const Questionnaire& q = *parsed.questionnaire;
    std::string languages;
    for (const std::string& lang : q.languages)
        languages += (languages.empty() ? "" : ", ") + lang;
    std::printf("%s: ok: %s version %d, %zu questions, languages %s\n", file.c_str(), q.id.c_str(), q.version,
                q.questions.size(), languages.c_str());
    return kExitOk;
}

int CmdImport(const Context& ctx, const std::string& file, bool activate) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    if (ReportProblems(file, parsed)) return kExitFailure;
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    QuestionnaireStore store(**db);
    Result<int> version = store.Import(*parsed.questionnaire);
    if (!version) return Fail(version.error());
    std::printf("imported %s version %d\n", parsed.questionnaire->id.c_str(), *version);
    if (activate) {
        if (Status activated = store.Activate(parsed.questionnaire->id, *version); !activated)
            return Fail(activated.error());
        std::printf("active: %s version %d\n", parsed.questionnaire->id.c_str(), *version);
    }
    return kExitOk;
}

int CmdList(const Context& ctx, bool json) {
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    QuestionnaireStore store(**db);
    Result<std::vector<QuestionnaireInfo>> list = store.List();
    if (!list) return Fail(list.error());
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const QuestionnaireInfo& info : *list)
            out.push_back({{"id", info.id},
                           {"version", info.version},
                           {"title", info.title},
                           {"imported_at", info.importedAt},
                           {"responses", info.responseCount},
                           {"active", info.active}});
        std::printf("%s\n", out.dump(2).c_str());
        return kExitOk;
    }
    std::printf("%-32s %7s %9s %6s  %s\n", "ID", "VERSION", "RESPONSES", "ACTIVE", "TITLE");
    for (const QuestionnaireInfo& info : *list)
        std::printf("%-32s %7d %9lld %6s  %s\n", info.id.c_str(), info.version,
                    static_cast<long long>(info.responseCount), info.active ? "yes" : "", info.title.c_str());
    return kExitOk;
}

int CmdActivate(const Context& ctx, const std::string& id, std::optional<int> version) {
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    QuestionnaireStore store(**db);
    Result<std::optional<Questionnaire>> q = store.Load(id, version);
    if (!q) return Fail(q.error());
    if (!*q)
        return Fail("no questionnaire " + id +
                    (version ? " version " + std::to_string(*version) : std::string()) +
                    " (see: impactkiosk questionnaire list)");
    if (Status activated = store.Activate(id, (*q)->version); !activated) return Fail(activated.error());
    std::printf("active: %s version %d\n", id.c_str(), (*q)->version);
    return kExitOk;
}

int CmdExportQuestionnaire(const Context& ctx, const std::string& id, std::optional<int> version,
                           const std::string& out) {
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    QuestionnaireStore store(**db);
    Result<std::optional<Questionnaire>> q = store.Load(id, version);
    if (!q) return Fail(q.error());
    if (!*q)
        return Fail("no questionnaire " + id +
                    (version ? " version " + std::to_string(*version) : std::string()));
    if (Status written = WriteFileAtomically(out, QuestionnaireToJson(**q).dump(2) + "\n"); !written)
        return Fail(written.error());
    std::printf("wrote %s version %d to %s\n", id.c_str(), (*q)->version, out.c_str());
    return kExitOk;
}

// [SECTION] demo-data and export

int CmdDemoData(const Context& ctx, long count, const std::optional<std::string>& id, std::uint64_t seed) {
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    Result<Questionnaire> q = Error{""};
    if (id) {
        QuestionnaireStore store(**db);
        Result<std::optional<Questionnaire>> loaded = store.Load(*id);
        if (!loaded) return Fail(loaded.error());
        if (!*loaded) return Fail("no questionnaire " + *id + " (see: impactkiosk questionnaire list)");
        q = **loaded;
    } else {
        q = ActiveOrSampleQuestionnaire(**db);
        if (!q) return Fail(q.error());
    }
    Result<long> made = GenerateDemoData(**db, *q, count, seed);
    if (!made) return Fail(made.error());
    std::printf("added %ld demo responses to %s version %d\n", *made, q->id.c_str(), q->version);
    return kExitOk;
}

bool IsDate(const std::string& text) {
    static const std::regex kDate(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    return std::regex_match(text, kDate);
}

struct ExportChoices {
    std::string format;
    std::string out;
    std::string delimiter = ";";
    std::optional<std::string> labels;
    bool longFormat = false;
};

int CmdExport(const Context& ctx, const ExportChoices& choices, const ResponseQuery& query) {
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    ResponseStore store(**db);
    QuestionnaireStore questionnaires(**db);
    TableOptions table;
    table.labelLanguage = choices.labels;
    table.longFormat = choices.longFormat;
    const std::string& out = choices.out;
    Result<long> count = Error{""};
    if (choices.format == "csv") {
        CsvOptions options;
        options.delimiter = choices.delimiter.front();
        options.table = table;
        count = ExportResponsesCsv(store, questionnaires, query, options, out);
    } else if (choices.format == "xlsx") {
        XlsxOptions options;
        options.table = table;
        options.indicators.minGroupSize = ctx.config.minGroupSize;
        count = ExportResponsesXlsx(store, questionnaires, query, options, out);
    } else {
        count = ExportResponsesJson(store, query, out);
    }
    if (!count) return Fail(count.error());
    std::fprintf(stderr, "exported %ld responses to %s\n", *count, out.c_str());
    return kExitOk;
}

// [SECTION] sync

int CmdSyncOnce(const Context& ctx) {
    if (ctx.config.syncEndpoint.empty())
        return Fail("sync is not configured: give --endpoint or [sync] endpoint");
    if (ctx.config.tokenFile.empty()) return Fail("no token: give --token-file or [sync] token_file");
    Result<std::string> token = sync::ReadTokenFile(ctx.config.tokenFile);
    if (!token) return Fail(token.error());
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    sync::SenderConfig config;
    config.endpoint = ctx.config.syncEndpoint;
    config.token = *token;
    config.caFile = ctx.config.caFile;
    config.kioskId = ctx.config.kioskId;
    config.branchId = ctx.config.branch;
    config.appVersion = IK_VERSION;
    config.batchSize = ctx.config.batchSize;
    config.sendFreeText = ctx.config.sendFreeText;
    const sync::SyncOutcome outcome = sync::SyncOnce(**db, config);
    std::printf("sent %ld, already there %ld, quarantined %ld, still pending %ld\n", outcome.sent,
                outcome.duplicates, outcome.quarantined, outcome.pending);
    if (!outcome.error.empty()) std::fprintf(stderr, "impactkiosk: sync: %s\n", outcome.error.c_str());
    return outcome.pending == 0 && outcome.error.empty() ? kExitOk : kExitFailure;
}

// [SECTION] staff-pin

int CmdStaffPinSet(const Context& ctx) {
    // One line from stdin (a pipe or a terminal), so the PIN never appears in `ps` or shell history.
    std::string pin;
    if (!std::getline(std::cin, pin) && pin.empty()) return Fail("staff-pin set: no PIN on standard input");
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ' || pin.back() == '\t'))
        pin.pop_back();
    if (std::string problem = PinProblem(pin); !problem.empty()) return Fail("staff-pin set: " + problem);
    Result<std::unique_ptr<Database>> db = OpenStore(ctx);
    if (!db) return Fail(db.error());
    StaffAccess access(**db);
    if (Status set = access.SetPin(pin, WallClock::now()); !set) return Fail(set.error());
    std::fprintf(stderr, "staff PIN set\n");
    return kExitOk;
}

} // namespace

std::filesystem::path DatabaseFile(const KioskConfig& config) {
    return config.dataDir / "impactkiosk.db";
}

Result<Questionnaire> ActiveOrSampleQuestionnaire(Database& db) {
    QuestionnaireStore store(db);
    Result<std::optional<QuestionnaireRef>> active = store.Active();
    if (!active) return Error{active.error()};
    if (*active) {
        Result<std::optional<Questionnaire>> q = store.Load((*active)->id, (*active)->version);
        if (!q) return Error{q.error()};
        if (*q) return **q;
    }
    ParsedQuestionnaire sample = ParseQuestionnaire(EmbeddedSampleQuestionnaire());
    if (!sample.questionnaire) return Error{"the built-in sample questionnaire is broken"};
    Result<int> version = store.Import(*sample.questionnaire);
    if (!version) return Error{version.error()};
    if (Status activated = store.Activate(sample.questionnaire->id, *version); !activated)
        return Error{activated.error()};
    sample.questionnaire->version = *version;
    return *sample.questionnaire;
}

int RunCommandLine(int argc, char** argv, const KioskRunner& runKiosk) {
    CLI::App app{"Impactkiosk: a touch-screen survey kiosk for library branches.\n"
                 "With no command, starts the kiosk (fullscreen unless --windowed)."};
    app.set_version_flag("--version", std::string("impactkiosk ") + IK_VERSION);
    app.require_subcommand(0, 1);

    Context ctx;
    std::string dataDir, configFile, windowed;
    app.add_option("--data-dir", dataDir,
                   "Where the kiosk keeps its database (default: ~/.local/share/impactkiosk)");
    app.add_option("--config", configFile, "Configuration file (default: ~/.config/impactkiosk/config.toml)");
    app.add_option("--windowed", windowed,
                   "Run in a window of this size instead of fullscreen, e.g. 1280x800")
        ->check([](const std::string& value) {
            return std::regex_match(value, std::regex(R"([1-9]\d{2,4}x[1-9]\d{2,4})"))
                       ? std::string()
                       : "expected WxH, e.g. 1280x800";
        });

    bool json = false;
    CLI::App* status = app.add_subcommand("status", "Show the kiosk's health: responses, sync, database");
    status->add_flag("--json", json, "One JSON object");

    CLI::App* questionnaire = app.add_subcommand("questionnaire", "Validate, import, list, activate, export");
    questionnaire->require_subcommand(1);
    std::string file, id, out;
    std::optional<int> version;
    bool activate = false;
    CLI::App* validate = questionnaire->add_subcommand("validate", "Check a questionnaire file");
    validate->add_option("FILE", file, "Questionnaire JSON")->required();
    CLI::App* import = questionnaire->add_subcommand("import", "Store a questionnaire file");
    import->add_option("FILE", file, "Questionnaire JSON")->required();
    import->add_flag("--activate", activate, "Show it on the kiosk from now on");
    CLI::App* list = questionnaire->add_subcommand("list", "Stored questionnaires and versions");
    list->add_flag("--json", json, "JSON array");
    CLI::App* activateCmd =
        questionnaire->add_subcommand("activate", "Show a stored questionnaire on the kiosk");
    activateCmd->add_option("ID", id, "Questionnaire id")->required();
    activateCmd->add_option("--version", version, "Version (default: the latest)")
        ->check(CLI::PositiveNumber);
    CLI::App* exportQ = questionnaire->add_subcommand("export", "Write a stored questionnaire to a file");
    exportQ->add_option("ID", id, "Questionnaire id")->required();
    exportQ->add_option("--version", version, "Version (default: the latest)")->check(CLI::PositiveNumber);
    exportQ->add_option("--out", out, "Output file")->required();

    long count = 0;
    std::optional<std::string> demoQuestionnaire;
    std::uint64_t seed = 1;
    CLI::App* demo = app.add_subcommand("demo-data", "Add realistic random responses (for demos and tests)");
    demo->add_option("--count", count, "How many responses")->required()->check(CLI::Range(1L, 10000000L));
    demo->add_option("--questionnaire", demoQuestionnaire, "Questionnaire id (default: the active one)");
    demo->add_option("--seed", seed, "Random seed");

    std::string from, to;
    ExportChoices exportChoices;
    std::optional<std::string> exportQuestionnaire;
    CLI::App* exportCmd = app.add_subcommand("export", "Export responses");
    exportCmd->add_option("--format", exportChoices.format, "csv, xlsx or json")
        ->required()
        ->check(CLI::IsMember({"csv", "xlsx", "json"}));
    exportCmd->add_option("--out", exportChoices.out, "Output file")->required();
    exportCmd->add_option("--delimiter", exportChoices.delimiter, "CSV: ; (default, for Dutch Excel) or ,")
        ->check(CLI::IsMember({";", ","}));
    exportCmd->add_option("--labels", exportChoices.labels,
                          "CSV and XLSX: answer labels in this language (e.g. nl) instead of codes");
    exportCmd->add_flag("--long", exportChoices.longFormat, "CSV and XLSX: one row per answer");
    exportCmd->add_option("--questionnaire", exportQuestionnaire, "Only this questionnaire (all versions)");
    exportCmd->add_option("--from", from, "First local date, YYYY-MM-DD");
    exportCmd->add_option("--to", to, "Last local date, YYYY-MM-DD");

    bool once = false;
    std::string endpoint, tokenFile;
    CLI::App* syncCmd = app.add_subcommand("sync", "Send pending responses to the central monitor");
    syncCmd->add_flag("--once", once, "Send what is pending, then exit (0: nothing left pending)")
        ->required();
    syncCmd->add_option("--endpoint", endpoint, "Monitor URL, e.g. https://monitor.example.org");
    syncCmd->add_option("--token-file", tokenFile, "File holding this kiosk's token (mode 0600)");

    std::string editFile;
    CLI::App* edit = app.add_subcommand("edit", "Edit a questionnaire file in a window (mouse and keyboard)");
    edit->add_option("FILE", editFile, "Questionnaire JSON; a new one is made when it does not exist")
        ->required();

    CLI::App* staffPin = app.add_subcommand("staff-pin", "Manage the staff PIN");
    staffPin->require_subcommand(1);
    CLI::App* staffPinSet = staffPin->add_subcommand(
        "set", "Set the staff PIN (4-8 digits), read from standard input; clears a lockout");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::printf("%s", app.help().c_str());
        return kExitOk;
    } catch (const CLI::CallForVersion&) {
        std::printf("impactkiosk %s\n", IK_VERSION);
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        // Help for a sub-command (e.g. `status --help`) arrives here too.
        if (e.get_exit_code() == 0) {
            app.exit(e);
            return kExitOk;
        }
        std::fprintf(stderr, "impactkiosk: %s\nRun 'impactkiosk --help' for usage.\n", e.what());
        return kExitUsage;
    }

    if (!configFile.empty()) ctx.global.configFile = configFile;
    Result<KioskConfig> config = LoadConfig(ctx.global.configFile);
    if (!config) return Fail(config.error());
    ctx.config = *config;
    if (!dataDir.empty()) {
        ctx.global.dataDir = dataDir;
        ctx.config.dataDir = dataDir;
    }
    if (!windowed.empty()) {
        const size_t x = windowed.find('x');
        ctx.global.windowed =
            std::make_pair(std::stoi(windowed.substr(0, x)), std::stoi(windowed.substr(x + 1)));
    }

    if (!endpoint.empty()) ctx.config.syncEndpoint = endpoint;
    if (!tokenFile.empty()) ctx.config.tokenFile = tokenFile;

    if (status->parsed()) return CmdStatus(ctx, json);
    if (syncCmd->parsed()) return CmdSyncOnce(ctx);
    if (staffPinSet->parsed()) return CmdStaffPinSet(ctx);
    if (edit->parsed()) {
        ctx.global.editFile = editFile;
        if (!ctx.global.windowed) ctx.global.windowed = std::make_pair(1280, 800);
    }
    if (validate->parsed()) return CmdValidate(file);
    if (import->parsed()) return CmdImport(ctx, file, activate);
    if (list->parsed()) return CmdList(ctx, json);
    if (activateCmd->parsed()) return CmdActivate(ctx, id, version);
    if (exportQ->parsed()) return CmdExportQuestionnaire(ctx, id, version, out);
    if (demo->parsed()) return CmdDemoData(ctx, count, demoQuestionnaire, seed);
    if (exportCmd->parsed()) {
        ResponseQuery query;
        query.questionnaireId = exportQuestionnaire;
        for (const auto& [option, value] : {std::pair{"--from", from}, std::pair{"--to", to}})
            if (!value.empty() && !IsDate(value)) {
                std::fprintf(stderr, "impactkiosk: %s: expected a date like 2026-01-31, got \"%s\"\n", option,
                             value.c_str());
                return kExitUsage;
            }
        if (!from.empty()) query.fromLocalDate = from;
        if (!to.empty()) query.toLocalDate = to;
        if (exportChoices.format == "json" && (exportChoices.labels || exportChoices.longFormat)) {
            std::fprintf(stderr, "impactkiosk: --labels and --long are for csv and xlsx; JSON keeps codes\n");
            return kExitUsage;
        }
        return CmdExport(ctx, exportChoices, query);
    }
    return runKiosk(ctx.config, ctx.global);
}

} // namespace ik

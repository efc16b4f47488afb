// impactkiosk-monitor: the reference central monitor. Sub-commands `serve`, `token add` and `export`
// (DESIGN.md, "Command line"); this file only parses the command line and wires the parts together.
#include <csignal>
#include <cstdio>
#include <memory>
#include <pthread.h>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "sync/monitor/kiosk_token.h"
#include "sync/monitor/monitor_server.h"
#include "sync/monitor/response_export.h"
#include "sync/monitor/sqlite_monitor_store.h"

namespace {

using namespace ik;
using namespace ik::monitor;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int Fail(const std::string& message) {
    std::fprintf(stderr, "impactkiosk-monitor: %s\n", message.c_str());
    return kExitFailure;
}

// "HOST:PORT" (the host may be [v6]); false when it is not that.
bool SplitListen(const std::string& listen, std::string& host, int& port) {
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string digits = listen.substr(colon + 1);
    if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    port = std::stoi(digits);
    return port <= 65535;
}

int Serve(MonitorStore& store, const std::string& host, int port, const ServerOptions& options) {
    // SIGTERM/SIGINT are blocked in every thread (httplib's pool inherits the mask) and taken by one
    // watcher thread with sigwait, which stops the server: no work inside a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    MonitorServer server(store, options);
    Result<int> bound = server.Bind(host, port);
    if (!bound) return Fail(bound.error());
    std::fprintf(stderr, "impactkiosk-monitor: listening on %s:%d\n", host.c_str(), *bound);

    std::thread watcher([&server, signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        if (signal != 0) std::fprintf(stderr, "impactkiosk-monitor: signal %d, stopping\n", signal);
        server.Stop();
    });
    Status ran = server.Run();
    // When Run() ended on its own, wake the watcher with a signal of its own so it can be joined.
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    if (!ran) return Fail(ran.error());
    std::fprintf(stderr, "impactkiosk-monitor: stopped\n");
    return kExitOk;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"impactkiosk-monitor: the central monitor that receives survey batches from Impactkiosk "
                 "kiosks (sync protocol v1)."};
    app.set_version_flag("--version", std::string("impactkiosk-monitor ") + IK_VERSION);
    app.require_subcommand(1);

    std::string dbPath;
    app.add_option("--db", dbPath, "The monitor's SQLite database (created when missing)")->required();

    std::string listen;
    ServerOptions options;
    std::size_t threads = options.threads;
    long readTimeout = options.readTimeout.count(), writeTimeout = options.writeTimeout.count();
    CLI::App* serve = app.add_subcommand("serve", "Receive batches over HTTP until SIGTERM/SIGINT");
    serve->add_option("--listen", listen, "HOST:PORT, e.g. 127.0.0.1:8080 (port 0: any free port)")
        ->required();
    serve->add_option("--threads", threads, "Request threads")->check(CLI::Range(1, 256));
    serve->add_option("--read-timeout", readTimeout, "Seconds")->check(CLI::Range(1L, 3600L));
    serve->add_option("--write-timeout", writeTimeout, "Seconds")->check(CLI::Range(1L, 3600L));

    std::string kioskId;
    CLI::App* token = app.add_subcommand("token", "Kiosk tokens");
    token->require_subcommand(1);
    CLI::App* tokenAdd = token->add_subcommand("add", "Make a token for a kiosk and print it (shown once)");
    tokenAdd->add_option("KIOSK_ID", kioskId, "The kiosk id, as in the kiosk's configuration")->required();

    std::string format, out;
    CLI::App* exportCmd = app.add_subcommand("export", "Write every received response to a file");
    exportCmd->add_option("--format", format, "csv or json")
        ->required()
        ->check(CLI::IsMember({"csv", "json"}));
    exportCmd->add_option("--out", out, "Output file")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::printf("%s", app.help().c_str());
        return kExitOk;
    } catch (const CLI::CallForVersion&) {
        std::printf("impactkiosk-monitor %s\n", IK_VERSION);
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        // Help for a sub-command (e.g. `serve --help`) arrives here too.
        if (e.get_exit_code() == 0) {
            app.exit(e);
            return kExitOk;
        }
        std::fprintf(stderr, "impactkiosk-monitor: %s\nRun 'impactkiosk-monitor --help' for usage.\n",
                     e.what());
        return kExitUsage;
    }

    std::string host;
    int port = 0;
    if (*serve && !SplitListen(listen, host, port)) {
        std::fprintf(stderr, "impactkiosk-monitor: --listen: expected HOST:PORT, got \"%s\"\n",
                     listen.c_str());
        return kExitUsage;
    }
    if (!InitSodium()) return Fail("libsodium could not start");

    Result<std::unique_ptr<SqliteMonitorStore>> store = SqliteMonitorStore::Open(dbPath);
    if (!store) return Fail(store.error());

    if (*serve) {
        options.threads = threads;
        options.readTimeout = std::chrono::seconds(readTimeout);
        options.writeTimeout = std::chrono::seconds(writeTimeout);
        return Serve(**store, host, port, options);
    }
    if (*tokenAdd) {
        const std::string secret = GenerateToken();
        if (Status s = (*store)->AddToken(kioskId, HashToken(secret)); !s) return Fail(s.error());
        std::printf("%s\n", secret.c_str());
        return kExitOk;
    }
    if (*exportCmd) {
        Result<long> count =
            ExportResponses(**store, format == "csv" ? ExportFormat::Csv : ExportFormat::Json, out);
        if (!count) return Fail(count.error());
        std::fprintf(stderr, "impactkiosk-monitor: wrote %ld responses to %s\n", *count, out.c_str());
        return kExitOk;
    }
    return kExitUsage;
}

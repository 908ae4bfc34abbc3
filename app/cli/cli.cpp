// Dispatches a command line to its command; turns errors into the messages and exit codes of docs/cli.md.
#include "app/cli/cli.h"

#include "app/cli/cli_args.h"
#include "app/run/run_controller.h"
#include "model/scenario/scenario.h"
#include "model/store/run_store.h"

#include <csignal>
#include <cstdint>
#include <ctime>
#include <iostream>
#include <map>
#include <unistd.h>

namespace perflab::cli {

namespace {

std::atomic<StopRequest> g_request{StopRequest::None};
// The first stop signal: when it came (ms, monotonic) × 64 + its number; 0 before any.
std::atomic<std::int64_t> g_firstSignal{0};
StopNotes g_notes;

std::int64_t monotonicMs() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now); // async-signal-safe
    return std::int64_t{now.tv_sec} * 1000 + now.tv_nsec / 1'000'000;
}

void note(std::string_view text) {
    if (!text.empty()) [[maybe_unused]]
        const auto written = ::write(STDERR_FILENO, text.data(), text.size());
}

// The first SIGINT or SIGTERM asks for a graceful stop, a second one for an abort. `timeout` and terminals
// may deliver one request twice (to the process and to its group), so the same signal again within a second
// counts as the same request; another signal never does (the window's Abort sends SIGINT and SIGTERM).
extern "C" void onStopSignal(int signal) {
    const std::int64_t now = monotonicMs();
    std::int64_t first = 0;
    if (g_firstSignal.compare_exchange_strong(first, now * 64 + signal)) {
        g_request.store(StopRequest::Stop);
        note(g_notes.stop);
        return;
    }
    if (signal == first % 64 && now - first / 64 < 1000)
        return;
    if (g_request.exchange(StopRequest::Abort) != StopRequest::Abort)
        note(g_notes.abort);
}

using Command = int (*)(const std::vector<std::string>&);

const std::map<std::string_view, Command>& commands() {
    static const std::map<std::string_view, Command> table = {
        {"run", runCommandRun},        {"runs", runCommandRuns},
        {"export", runCommandExport},  {"report", runCommandReport},
        {"serve", runCommandServe},    {"import-profile", runCommandImportProfile},
        {"compare", runCommandCompare}};
    return table;
}

} // namespace

const std::atomic<StopRequest>& installStopSignals(StopNotes notes) {
    g_notes = notes;
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT); // one handler at a time
    sigaddset(&action.sa_mask, SIGTERM);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return g_request;
}

bool isCommand(std::string_view word) {
    return commands().count(word) > 0;
}

void printUsage() {
    std::cout
        << "usage: perflab [--db FILE] [--run ID]        the desktop app\n"
           "       perflab run SCENARIO.json [options]    run one test headless\n"
           "       perflab runs [--db FILE] [--json]      list stored runs\n"
           "       perflab export --run ID --format csv|json|junit|hlog|folded|speedscope --out FILE [--db "
           "FILE]\n"
           "       perflab report --run ID [--baseline ID] --pdf FILE [--page-size a4|letter] [--db FILE]\n"
           "       perflab compare --baseline ID --candidate ID [--tolerance PCT] [--json FILE] [--db FILE]\n"
           "       perflab serve [--listen 127.0.0.1:8080] host the engines over HTTP\n"
           "       perflab import-profile FILE [--name NAME] [--db FILE]  store a folded-stack profile\n"
           "Each command takes --help.\n";
}

int runCommand(const std::vector<std::string>& arguments) {
    const auto it = commands().find(arguments.at(0));
    if (it == commands().end()) {
        std::cerr << "perflab: unknown command \"" << arguments[0] << "\"\n";
        printUsage();
        return kBadInput;
    }
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    return withExitCodes(arguments[0], [&] { return it->second(rest); });
}

int withExitCodes(const std::string& command, const std::function<int()>& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        std::cerr << "perflab " << e.what() << "\n(see perflab " << command << " --help)\n";
        return kBadInput;
    } catch (const ScenarioError& e) {
        std::cerr << "perflab: " << e.what() << "\n";
        return kBadInput;
    } catch (const std::invalid_argument& e) {
        std::cerr << "perflab: " << e.what() << "\n";
        return kBadInput;
    } catch (const StoreError& e) {
        std::cerr << "perflab: store: " << e.what() << "\n";
        return kAborted;
    } catch (const RunError& e) {
        std::cerr << "perflab: could not run: " << e.what() << "\n";
        return kAborted;
    } catch (const std::runtime_error& e) { // I/O: an output file that cannot be written, with the OS's words
        std::cerr << "perflab: " << e.what() << "\n";
        return kAborted;
    }
}

} // namespace perflab::cli

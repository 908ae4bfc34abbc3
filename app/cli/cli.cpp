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

namespace perflab::cli {

namespace {

std::atomic<bool> g_stopRequested{false};
std::atomic<std::int64_t> g_firstStopMs{0};

std::int64_t monotonicMs() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now); // async-signal-safe
    return std::int64_t{now.tv_sec} * 1000 + now.tv_nsec / 1'000'000;
}

// The first SIGINT/SIGTERM asks for a graceful stop. A second Ctrl+C ends the process at once, but
// only a deliberate one: `timeout` and terminals may deliver one request twice (to the process and to
// its group), so a repeat within a second counts as the same request.
extern "C" void onStopSignal(int signal) {
    const std::int64_t now = monotonicMs();
    std::int64_t first = 0;
    if (g_firstStopMs.compare_exchange_strong(first, now)) {
        g_stopRequested.store(true);
        return;
    }
    if (signal == SIGINT && now - first >= 1000) {
        std::signal(SIGINT, SIG_DFL);
        std::raise(SIGINT);
    }
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

const std::atomic<bool>& installStopSignals() {
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return g_stopRequested;
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

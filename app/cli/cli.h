// The headless commands of docs/cli.md: run, runs, export, report, compare, serve, import-profile.
#pragma once

#include "app/run/stop_request.h"
#include "model/scenario/scenario.h"
#include "model/store/run_store.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perflab {
enum class ReportPageSize; // widgets/report/report_writer.h, kept out of here: the CLI's headers stay free of
                           // Qt
}

namespace perflab::cli {

bool isCommand(std::string_view word);
// Runs the command named by arguments[0]; returns the process exit code (docs/cli.md "Exit codes").
int runCommand(const std::vector<std::string>& arguments);
void printUsage();
// Runs a command's body, turning its errors into their message on stderr and the exit code of docs/cli.md.
int withExitCodes(const std::string& command, const std::function<int()>& body);

class Args;
int runCommandRun(const std::vector<std::string>& arguments);
int runCommandRuns(const std::vector<std::string>& arguments);
int runCommandExport(const std::vector<std::string>& arguments);
int runCommandServe(const std::vector<std::string>& arguments);
int runCommandReport(const std::vector<std::string>& arguments);
int runCommandImportProfile(const std::vector<std::string>& arguments);
// export --format folded|speedscope: the run's profile (of --from/--to seconds from its start when given) to
// `out`; std::invalid_argument when the run was not profiled or the range holds no samples.
void exportProfile(const RunStore& store, const RunInfo& run, const std::string& format,
                   const std::string& out, const Args& args);
int runCommandCompare(const std::vector<std::string>& arguments);
// The store --db names, default defaultStorePath().
std::filesystem::path storePath(const Args& args);
// The store --db names (default defaultStorePath()), read-only. Reading commands never create a store: a
// mistyped --db is std::invalid_argument ("no store at …"), not a new empty file.
RunStore openStoreForReading(const Args& args);
// --page-size a4|letter (default a4); UsageError naming the value otherwise.
ReportPageSize reportPageSize(const Args& args);
// Writes the PDF report of run `runId` (compared with baselineId when given); throws std::invalid_argument
// when a run is missing, std::runtime_error with the OS's message when the file cannot be written.
void writeRunReport(const RunStore& store, std::int64_t runId, std::optional<std::int64_t> baselineId,
                    const std::string& pdf, ReportPageSize size);
// The body of `perflab run` for a scenario already loaded (the headless demo uses it too).
int runScenario(const Scenario& scenario, const Args& args);

// What stderr says as a stop signal is taken (string literals: the handler writes them as they are).
struct StopNotes {
    std::string_view stop;  // the first signal
    std::string_view abort; // a second one
};
// The first SIGINT or SIGTERM asks the running command to stop, a second one (not the first delivered again
// within a second) to abort; the command polls the request.
const std::atomic<StopRequest>& installStopSignals(StopNotes notes = {});

} // namespace perflab::cli

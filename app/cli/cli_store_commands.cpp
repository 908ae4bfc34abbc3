// perflab runs and perflab export: read what the store holds.
#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/cli/output_file.h"
#include "model/format/exporters.h"
#include "model/results/summary.h"
#include "model/store/run_store.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <iostream>

namespace perflab::cli {

namespace {

const CommandSpec kRunsSpec{.name = "runs",
                            .usage = "usage: perflab runs [--db FILE] [--json]\n"
                                     "Lists stored runs: id, name, kind, status, start, duration.\n",
                            .valueOptions = {"--db"},
                            .flags = {"--json"}};

const CommandSpec kExportSpec{
    .name = "export",
    .usage = "usage: perflab export --run ID --format csv|json|junit|hlog|folded|speedscope --out FILE\n"
             "                      [--from S] [--to S] [--db FILE]\n"
             "csv: one row per second; json: the summary; junit: one testcase per SLO;\n"
             "hlog: HdrHistogram interval log of the 10 s histograms (microseconds);\n"
             "folded, speedscope: the run's profile, or of --from/--to seconds from its start.\n",
    .valueOptions = {"--db", "--run", "--format", "--out", "--from", "--to"},
    .flags = {}};

std::string localTime(std::int64_t ms) {
    const std::time_t seconds = ms / 1000;
    std::tm tm{};
    localtime_r(&seconds, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
    return text;
}

double durationS(const RunInfo& run) {
    return run.endedMs > 0 ? static_cast<double>(run.endedMs - run.startedMs) / 1000.0 : 0.0;
}

RunStore openExisting(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        throw std::invalid_argument("no store at " + path.string());
    return RunStore(path, RunStore::Mode::ReadOnly);
}

} // namespace

std::filesystem::path storePath(const Args& args) {
    return args.value("--db").value_or(defaultStorePath().string());
}

RunStore openStoreForReading(const Args& args) {
    return openExisting(storePath(args));
}

int runCommandRuns(const std::vector<std::string>& arguments) {
    const Args args(kRunsSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    const auto path = storePath(args);
    const auto runs = std::filesystem::exists(path) ? openExisting(path).runs() : std::vector<RunInfo>{};
    if (args.flag("--json")) {
        auto list = nlohmann::json::array();
        for (const auto& r : runs)
            list.push_back({{"id", r.id},
                            {"name", r.name},
                            {"kind", toString(r.kind)},
                            {"status", toString(r.status)},
                            {"started_ms", r.startedMs},
                            {"duration_s", durationS(r)}});
        std::cout << list.dump(2) << '\n';
        return kPassed;
    }
    std::printf("%6s  %-32s %-18s %-12s %-19s %10s\n", "id", "name", "kind", "status", "start", "duration");
    for (const auto& r : runs)
        std::printf("%6lld  %-32.32s %-18s %-12s %-19s %9.1fs\n", static_cast<long long>(r.id),
                    r.name.c_str(), std::string(toString(r.kind)).c_str(),
                    std::string(toString(r.status)).c_str(), localTime(r.startedMs).c_str(), durationS(r));
    return kPassed;
}

int runCommandExport(const std::vector<std::string>& arguments) {
    const Args args(kExportSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    const auto runId = args.runId("--run");
    const auto format = args.value("--format").value_or("");
    const auto out = args.value("--out");
    const bool isProfile = format == "folded" || format == "speedscope";
    if (format != "csv" && format != "json" && format != "junit" && format != "hlog" && !isProfile)
        throw UsageError("export: --format must be csv, json, junit, hlog, folded or speedscope, got \"" +
                         format + "\"");
    if (!isProfile && (args.value("--from") || args.value("--to")))
        throw UsageError("export: --from and --to apply to the folded and speedscope formats");
    if (!out)
        throw UsageError("export: --out FILE is required");

    const RunStore store = openStoreForReading(args);
    const auto run = store.run(runId);
    if (!run)
        throw std::invalid_argument("no run " + std::to_string(runId) + " in " + store.path().string());
    if (isProfile) {
        exportProfile(store, *run, format, *out, args);
    } else if (format == "csv") {
        const auto rows = store.intervals(runId);
        writeOutputFile(*out, [&](std::ostream& stream) { writeCsv(stream, rows); });
    } else if (format == "hlog") {
        const auto windows = store.histograms(runId);
        // A run still going has full windows so far.
        const std::int64_t endMs = run->endedMs > 0 ? run->endedMs : INT64_MAX;
        writeOutputFile(*out,
                        [&](std::ostream& stream) { writeHlog(stream, windows, run->startedMs, endMs); });
    } else {
        if (run->summaryJson.empty())
            throw std::invalid_argument("run " + std::to_string(runId) + " has no summary (status " +
                                        std::string(toString(run->status)) + ")");
        const Summary summary = summaryFromJson(run->summaryJson);
        writeOutputFile(*out, [&](std::ostream& stream) {
            if (format == "json")
                stream << toJson(summary) << '\n';
            else
                writeJUnit(stream, summary);
        });
    }
    return kPassed;
}

} // namespace perflab::cli

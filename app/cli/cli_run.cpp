// perflab run: one test headless, progress on stderr, a summary table on stdout, the verdict as exit code.
#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/cli/metrics_option.h"
#include "app/cli/output_file.h"
#include "app/cli/progress_printer.h"
#include "app/run/run_controller.h"
#include "collectors/prometheus_exporter.h"
#include "model/format/exporters.h"
#include "model/store/run_store.h"
#include "widgets/report/report_writer.h"

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <sys/resource.h>

namespace perflab::cli {

namespace {

const CommandSpec kRunSpec{
    .name = "run",
    .usage = "usage: perflab run SCENARIO.json [--db FILE] [--summary-json FILE] [--junit FILE]\n"
             "                   [--report FILE.pdf [--page-size a4|letter]] [--metrics ADDR|off]\n"
             "                   [--time-scale N] [--trace FILE] [--quiet]\n"
             "       perflab run --resume ID [--db FILE] [the same options]\n"
             "Runs one test headless: a progress line per second on stderr, a summary table at the end.\n"
             "--summary-json, --junit and --report write the summary, one JUnit testcase per SLO and the\n"
             "PDF report (as perflab report) when the run ends, also when an SLO failed.\n"
             "--resume ID goes on with an interrupted, stopped or aborted run (a soak whose machine\n"
             "rebooted) in the same run, with its stored scenario, for what its plan has left.\n"
             "--time-scale N compresses the clock: stages and stored time run N times faster (a 72h soak at\n"
             "3600 takes 72 s); each real second is one interval, so throughput stays real. Default 1.\n"
             "--trace FILE records the engines' zones and writes the newest spans (at most 100,000) as\n"
             "Chrome trace JSON (chrome://tracing, Perfetto). Zones are recorded with a trace or when the\n"
             "scenario enables profile; the summary then has a zones section.\n"
             "Prometheus metrics are served at http://ADDR/metrics (default $PERFLAB_METRICS, else\n"
             "127.0.0.1:9464; a port alone means 127.0.0.1:PORT; port 0 picks a free port; any address\n"
             "beyond loopback is warned about on stderr and in the run's events).\n"
             "A scenario with \"profile\" samples the stacks of the run each second into the store;\n"
             "PERFLAB_PROFILER=perf|signal|auto picks the sampler (perf_event_open, CPU-time signal\n"
             "timers, or perf with the signal timers where perf is refused; the default).\n"
             "The first SIGINT or SIGTERM stops the run gracefully (in-flight requests finish, the SLOs are\n"
             "judged over what ran, status stopped); a second one aborts it at once (status aborted).\n"
             "Exit: 0 every SLO passed, 1 an SLO failed, 2 bad input, 3 aborted (a second SIGINT or\n"
             "SIGTERM, an SLO breach with abort_on_breach) or could not run, 4 stopped (a first SIGINT or\n"
             "SIGTERM).\n",
    .valueOptions = {"--db", "--summary-json", "--junit", "--report", "--page-size", "--metrics",
                     "--time-scale", "--resume", "--trace"},
    .flags = {"--quiet"},
    .minPositional = 0,
    .maxPositional = 1};

// 10,000 connections need more descriptors than the usual soft limit of 1024.
void raiseOpenFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// The scenario's engine options (a deliberate leak, the result cache) apply to every engine the run hosts,
// called or served.
engines::EngineOptions engineOptions(const Scenario& scenario) {
    engines::EngineOptions options;
    if (scenario.target.engine) {
        options.leakBytesPerRequest = std::size_t{scenario.target.engine->leakKbPerRequest} * 1024;
        options.resultCache = scenario.target.engine->cache;
    }
    return options;
}

// The scenario a resumed run was started with, as the store kept it.
Scenario storedScenario(const Args& args, std::int64_t runId) {
    const RunStore store(storePath(args), RunStore::Mode::ReadOnly);
    const auto run = store.run(runId);
    if (!run)
        throw std::invalid_argument("no run " + std::to_string(runId) + " in " + store.path().string());
    return parseScenario(run->scenarioJson, "run " + std::to_string(runId));
}

RunOptions runOptions(const Args& args) {
    RunOptions options;
    if (const auto text = args.value("--time-scale")) {
        const auto [end, error] =
            std::from_chars(text->data(), text->data() + text->size(), options.timeScale);
        if (error != std::errc{} || end != text->data() + text->size() || !(options.timeScale >= 1) ||
            options.timeScale > 1e6)
            throw UsageError("--time-scale: expected a number from 1 to 1000000, got \"" + *text + "\"");
    }
    if (args.value("--resume"))
        options.resumeRunId = args.runId("--resume");
    if (const auto file = args.value("--trace"))
        options.traceFile = *file;
    if (const char* mechanism = std::getenv("PERFLAB_PROFILER"); mechanism && *mechanism) {
        const auto parsed = parseProfilerMechanism(mechanism);
        if (!parsed)
            throw UsageError(std::string("PERFLAB_PROFILER: expected perf, signal or auto, got \"") +
                             mechanism + "\"");
        options.profiler = *parsed;
    }
    return options;
}

std::string targetDescription(const Scenario& scenario) {
    return scenario.target.engine ? targetLabel(scenario.target) : scenario.target.requests.front().url;
}

// The exit code says what the stored status says: 0 passed, 1 failed (an SLO, or no evidence), 3 aborted,
// 4 stopped.
int exitCodeOf(RunStatus status) {
    switch (status) {
    case RunStatus::Passed:
        return kPassed;
    case RunStatus::Failed:
        return kSloFailed;
    case RunStatus::Stopped:
        return kStopped;
    default:
        return kAborted;
    }
}

// Feeds the run's intervals to Prometheus.
class MetricsObserver : public RunObserver {
public:
    explicit MetricsObserver(PrometheusExporter& exporter)
        : m_exporter(exporter) {}
    void runStarted(std::int64_t runId, const Scenario& scenario) override {
        m_exporter.startRun({.runId = runId,
                             .name = scenario.name,
                             .kind = std::string(toString(scenario.kind)),
                             .target = targetLabel(scenario.target)});
    }
    void intervalCompleted(const Interval& interval, const IntervalRow& row, Millis, Millis) override {
        m_exporter.record(interval, row);
    }

private:
    PrometheusExporter& m_exporter;
};

} // namespace

int runCommandRun(const std::vector<std::string>& arguments) {
    const Args args(kRunSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    if (args.value("--resume") && !args.positional().empty())
        throw UsageError("run: give a SCENARIO file or --resume ID, not both");
    if (args.value("--resume"))
        return runScenario(storedScenario(args, args.runId("--resume")), args);
    if (args.positional().empty())
        throw UsageError("run: a SCENARIO file (or --resume ID) is needed");
    return runScenario(loadScenario(args.positional().front()), args);
}

int runScenario(const Scenario& scenario, const Args& args) {
    RunOptions options = runOptions(args);
    const std::string metricsAt = metricsAddress(args, "127.0.0.1:9464");
    if (auto warning = metricsExposureWarning(metricsAt)) {
        std::cerr << "perflab: warning: " << *warning << '\n';
        options.warnings.push_back(std::move(*warning));
    }
    const ReportPageSize pageSize = reportPageSize(args); // bad input is found before the run, not after
    const auto& stop = installStopSignals(
        {.stop =
             "perflab: stopping: no new requests, those in flight finish (up to 5 s), the SLOs are judged "
             "over what ran (status stopped); a second SIGINT or SIGTERM aborts at once\n",
         .abort = "perflab: aborting: requests in flight are dropped, the run ends now (status aborted)\n"});
    raiseOpenFileLimit();

    RunStore store(storePath(args));
    engines::EngineRegistry engines(engineOptions(scenario));
    RunController controller(scenario, store, engines, options);
    const auto exporter = startExporter(metricsAt, args.flag("--quiet"));
    std::optional<MetricsObserver> metrics;
    if (exporter)
        controller.addObserver(metrics.emplace(*exporter));
    ProgressPrinter progress(std::cerr);
    if (!args.flag("--quiet"))
        controller.addObserver(progress);

    const Summary summary = controller.run(stop);
    if (!args.flag("--quiet"))
        printSummary(std::cout, summary);
    if (const auto file = args.value("--summary-json"))
        writeOutputFile(*file, [&](std::ostream& out) { out << toJson(summary) << '\n'; });
    if (const auto file = args.value("--junit"))
        writeOutputFile(*file, [&](std::ostream& out) { writeJUnit(out, summary); });
    if (const auto file = args.value("--report"))
        writeRunReport(store, summary.runId, std::nullopt, *file, pageSize);

    if (!summary.abortReason.empty())
        std::cerr << "perflab: aborted: " << summary.abortReason << '\n';
    if (!summary.verdictReason.empty())
        std::cerr << (summary.status == RunStatus::Failed ? "perflab: failed: " : "perflab: no evidence: ")
                  << summary.verdictReason << " (target " << targetDescription(scenario) << ")\n";
    return exitCodeOf(summary.status);
}

} // namespace perflab::cli

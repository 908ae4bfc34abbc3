// The one place that wires a run: target, load runner, collectors, the interval clock, the store and the
// verdict.
#pragma once

#include "app/run/stop_request.h"
#include "collectors/profiler/profiler.h"
#include "engines/engine.h"
#include "model/results/slo.h"
#include "model/results/summary.h"
#include "model/scenario/scenario.h"
#include "model/store/run_store.h"

#include <atomic>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <vector>

namespace perflab {

class KindTracker;

// The run could not start or go on (engine server port busy, store failure): exit code 3.
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Sees every Interval the clock produces, on the clock's thread (CLI progress line, Prometheus).
class RunObserver {
public:
    virtual ~RunObserver() = default;
    virtual void runStarted(std::int64_t runId, const Scenario& scenario) = 0;
    // row is toRow(interval), computed once for every observer.
    virtual void intervalCompleted(const Interval& interval, const IntervalRow& row, Millis elapsed,
                                   Millis planned) = 0;
};

struct RunOptions {
    // Compressed clock: the stages and the stored timeline run timeScale times faster than the wall clock.
    // Each real second is still one interval, stamped at start + elapsed × timeScale with its real duration,
    // so throughput stays right while a 72 h soak at 3600 takes 72 s.
    double timeScale = 1;
    // perflab run --resume: go on with this interrupted, stopped or aborted run (same id, same scenario) for
    // what its plan has left, its earlier seconds counted in the summary.
    std::optional<std::int64_t> resumeRunId;
    // perflab run --trace FILE: records zones (as a scenario with profile enabled does) and writes the
    // Chrome trace of the run's newest spans here when the run ends.
    std::optional<std::filesystem::path> traceFile;
    // How a scenario with profiling on samples stacks (perflab run reads PERFLAB_PROFILER=perf|signal|auto).
    ProfilerMechanism profiler = ProfilerMechanism::Automatic;
    // Said as "warning" events at the run's start (a server of the run bound beyond loopback).
    std::vector<std::string> warnings;
};

class RunController {
public:
    RunController(const Scenario& scenario, RunStore& store, engines::EngineRegistry& engines,
                  RunOptions options = {});
    void addObserver(RunObserver& observer) { m_observers.push_back(&observer); }

    // Runs the scenario to its end, or until `request` asks to stop (status Stopped: in-flight requests
    // finish within the drain, the SLOs are judged over what ran) or to abort (status Aborted: in-flight
    // requests are dropped, also during a stop's drain), or an SLO breach aborts it (abort_on_breach; status
    // Aborted). The summary's abortReason says why a run was aborted. The final partial interval, the summary
    // and the verdict are stored in every case; each SLO's first breach is a "slo-breach" event. The
    // scenario's faults act on the engines' upstream as the run's clock reaches them, each start and end a
    // "fault" event.
    Summary run(const std::atomic<StopRequest>& request);

private:
    enum class Ending { Planned, Stopped, Aborted }; // Planned: the plan ran out, or the kind ended it
    struct Start {
        std::int64_t runId;
        Workload workload;       // what is left to play
        std::int64_t timelineMs; // where the run's own clock starts
        Millis playedBefore;     // of the scenario's plan, by an earlier process (resumed runs)
    };
    // Begins a new run, or takes an interrupted one up again (its earlier seconds into `totals`).
    Start begin(RunTotals& totals);
    // Events carry stampMs, the run's own clock (compressed under a time scale).
    void recordBreaches(std::int64_t runId, const std::vector<SloResult>& breaches, std::int64_t stampMs);
    // What the hosted engine tells of its own work over the run.
    struct EngineReport {
        std::vector<EngineZones> zones;    // when zones were recorded
        std::vector<EngineFigure> figures; // Engine::takeFigures
    };
    Summary conclude(std::int64_t runId, const RunTotals& totals, SloMonitor& slos, const KindTracker& kind,
                     Ending ending, std::int64_t endMs, EngineReport engine);

    const Scenario& m_scenario;
    RunStore& m_store;
    engines::EngineRegistry& m_engines;
    RunOptions m_options;
    std::vector<RunObserver*> m_observers;
};

} // namespace perflab

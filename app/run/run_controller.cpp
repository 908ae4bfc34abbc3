// A run, second by second: collect the recorders and resources into an Interval, store it, show it, judge
// its SLOs (stopping on a breach when the scenario says so).
#include "app/run/run_controller.h"

#include "app/cli/output_file.h"
#include "app/run/kind_tracker.h"
#include "app/run/target_measurement.h"
#include "collectors/resources/resource_sampler.h"
#include "collectors/zones/zone_recording.h"
#include "engines/engine_server.h"
#include "load/kinds/fault_schedule.h"
#include "load/load_runner.h"
#include "load/target_plan.h"

#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace perflab {

namespace {

using Clock = std::chrono::steady_clock;

// The run's stored time: the wall clock at the start, then real elapsed time × the time scale.
class Timeline {
public:
    Timeline(double scale, std::int64_t startMs)
        : m_scale(scale)
        , m_startMs(startMs) {}
    Millis elapsed(Clock::time_point at) const {
        return Millis(
            std::llround(std::chrono::duration<double, std::milli>(at - m_start).count() * m_scale));
    }
    std::int64_t stamp(Clock::time_point at) const { return m_startMs + elapsed(at).count(); }
    Clock::time_point start() const { return m_start; }

private:
    double m_scale;
    Clock::time_point m_start = Clock::now();
    std::int64_t m_startMs;
};

// The workload the load runner plays in real time: stages shortened by the time scale.
Workload compressed(Workload workload, double scale) {
    for (Stage& stage : workload.stages)
        stage.duration =
            std::max(Millis(1), Millis(std::llround(static_cast<double>(stage.duration.count()) / scale)));
    return workload;
}

// The report's cover says where a run ran: results differ from machine to machine.
std::string hostName() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0)
        return "unknown";
    return name;
}

std::string stageMessage(const Workload& workload, std::size_t index) {
    const Stage& stage = workload.stages[index];
    const char* unit = workload.model == WorkloadModel::VirtualUsers ? " VUs" : " req/s";
    return "stage " + std::to_string(index + 1) + "/" + std::to_string(workload.stages.size()) + ": to " +
           std::to_string(static_cast<long long>(stage.target)) + unit + " over " +
           formatDuration(stage.duration);
}

// Runs a function when the scope ends (however it ends).
class ScopeExit {
public:
    explicit ScopeExit(std::function<void()> action)
        : m_action(std::move(action)) {}
    ScopeExit(const ScopeExit&) = delete;
    ScopeExit& operator=(const ScopeExit&) = delete;
    ~ScopeExit() { m_action(); }

private:
    std::function<void()> m_action;
};

// Emits a stage event when the run's elapsed time enters the next stage.
class StageTracker {
public:
    explicit StageTracker(const Workload& workload)
        : m_workload(workload) {}
    void update(RunStore& store, std::int64_t runId, Millis elapsed, std::int64_t stampMs) {
        while (m_next < m_workload.stages.size() && elapsed >= m_nextStart) {
            store.addEvent(runId, {stampMs, EventKind::Stage, stageMessage(m_workload, m_next)});
            m_nextStart += m_workload.stages[m_next++].duration;
        }
    }

private:
    const Workload& m_workload;
    std::size_t m_next = 0;
    Millis m_nextStart{0};
};

// What an engine target sends, each request tagged with its part: the mix's shapes, or its one request.
engines::RequestMix engineRequests(const EngineTarget& spec, const engines::Engine& engine) {
    switch (spec.requests) {
    case EngineRequests::Mix:
        return engine.requestMix(engines::kRunMixRequests, engines::kRunMixSeed);
    case EngineRequests::Sample:
        return {.shapes = {"sample"}, .requests = {{.shape = 0, .body = engine.sampleRequest()}}};
    case EngineRequests::Body:
        break;
    }
    return {.shapes = {"the scenario's body"}, .requests = {{.shape = 0, .body = spec.body}}};
}

// Engines are built (their data generated) here, before the clock starts.
load::ResolvedTarget resolveTarget(const Target& spec, engines::EngineRegistry& engines,
                                   std::unique_ptr<engines::EngineServer>& server) {
    load::ResolvedTarget target;
    if (!spec.engine) {
        target.http = spec.requests;
        target.parts = requestNames(spec);
        return target;
    }
    const EngineTarget& engine = *spec.engine;
    engines::Engine& instance = engines.get(engine.engine, engine.variant);
    engines::RequestMix requests = engineRequests(engine, instance);
    target.parts = std::move(requests.shapes);
    if (engine.via == Via::Call) {
        target.engine = &instance;
        target.engineRequests = std::move(requests.requests);
        return target;
    }
    server =
        std::make_unique<engines::EngineServer>(engines, "127.0.0.1", 0, engines::defaultEngineThreads());
    try {
        server->start();
    } catch (const std::system_error& e) {
        throw RunError(std::string("cannot start the engine server: ") + e.what());
    }
    const std::string url = server->baseUrl() + "/engines/" + engine.engine + "/" + engine.variant;
    for (engines::RequestMix::Request& request : requests.requests) {
        target.http.push_back({.url = url,
                               .method = "POST",
                               .headers = {{"Content-Type", "application/json"}},
                               .body = std::move(request.body)});
        target.httpParts.push_back(request.shape);
    }
    return target;
}

// Resolves the target's hosts before a run begins: a host that does not resolve is a failure to start.
load::TargetPlan planFor(const load::ResolvedTarget& target, Millis timeout) {
    try {
        return load::TargetPlan(
            target, {.connectTimeout = std::min(timeout, Millis(10'000)), .requestTimeout = timeout});
    } catch (const std::runtime_error& unresolved) {
        throw RunError(std::string(unresolved.what()) + "; nothing was sent");
    }
}

// The scenario's profiler, started before the load so the workers' stacks are sampled from their start.
std::unique_ptr<Profiler> startProfiler(const ProfileSpec& spec, ProfilerMechanism mechanism) {
    if (!spec.enabled)
        return nullptr;
    try {
        return std::make_unique<Profiler>(
            ProfilerOptions{.hz = spec.hz, .mechanism = mechanism, .engines = engines::engineNames()});
    } catch (const std::runtime_error& e) {
        throw RunError(std::string("cannot start the profiler: ") + e.what());
    }
}

// Samples the profile lacks (full buffers, a thread that could not be sampled) are said as a run event.
void recordProfilerGaps(RunStore& store, std::int64_t runId, const Profiler& profiler, std::int64_t stampMs) {
    if (const std::uint64_t lost = profiler.lostSamples(); lost > 0)
        store.addEvent(runId, {stampMs, EventKind::Profiler,
                               std::to_string(lost) + " samples lost (" + std::string(profiler.mechanism()) +
                                   " buffers full)"});
    if (const std::string problem = profiler.problem(); !problem.empty())
        store.addEvent(runId, {stampMs, EventKind::Profiler, problem});
}

// Ends the load: in-flight requests finish within the drain, unless an abort is asked for, before or during
// it.
void endLoad(load::LoadRunner& runner, const std::atomic<StopRequest>& request) {
    if (request.load() != StopRequest::Abort) {
        runner.requestStop();
        while (!runner.finished() && request.load() != StopRequest::Abort)
            std::this_thread::sleep_for(Millis(10));
    }
    runner.stop(Millis(0));
}

} // namespace

RunController::RunController(const Scenario& scenario, RunStore& store, engines::EngineRegistry& engines,
                             RunOptions options)
    : m_scenario(scenario)
    , m_store(store)
    , m_engines(engines)
    , m_options(options) {}

Summary RunController::run(const std::atomic<StopRequest>& request) {
    std::unique_ptr<engines::EngineServer> server;
    RunTotals totals;
    load::TargetPlan plan = [&] {
        load::ResolvedTarget target = resolveTarget(m_scenario.target, m_engines, server);
        totals.nameParts(std::move(target.parts));
        return planFor(target, m_scenario.target.timeout);
    }();
    engines::Engine* const hosted =
        m_scenario.target.engine
            ? &m_engines.get(m_scenario.target.engine->engine, m_scenario.target.engine->variant)
            : nullptr;
    if (hosted)
        hosted->takeFigures(); // what it kept before this run is not this run's
    // Before the run begins, so a profiler that cannot start leaves no run behind.
    const std::unique_ptr<Profiler> profiler = startProfiler(m_scenario.profile, m_options.profiler);

    const Start begun = begin(totals);
    const std::int64_t runId = begun.runId;
    const Workload& workload = begun.workload;
    for (auto* observer : m_observers)
        observer->runStarted(runId, m_scenario);

    LatencyRecorder recorder(load::LoadRunner::threadsFor(workload),
                             std::max<std::size_t>(1, plan.partCount()));
    ResourceSampler sampler("/proc", "/sys/fs/cgroup", targetMeterFor(m_scenario.target, plan));
    load::LoadRunner runner(compressed(workload, m_options.timeScale), std::move(plan), recorder);
    StageTracker stages(workload);
    KindTracker kindTracker(m_scenario, workload);
    const Millis planned = workload.totalDuration();

    const Timeline timeline(m_options.timeScale, begun.timelineMs);
    m_engines.events().setSink([&](EventKind kind, std::string_view message) {
        m_store.addEvent(runId, {timeline.stamp(Clock::now()), kind, std::string(message)});
    });
    const ScopeExit detachEvents([&] { m_engines.events().setSink(nullptr); });
    for (const std::string& warning : m_options.warnings)
        m_store.addEvent(runId, {timeline.stamp(Clock::now()), EventKind::Warning, warning});
    std::optional<load::FaultSchedule> faults;
    if (!m_scenario.faults.empty())
        faults.emplace(m_scenario.faults, m_engines.upstreamFaults());
    const auto recordFaults = [&](const std::vector<std::string>& changes) {
        for (const std::string& change : changes)
            m_store.addEvent(runId, {timeline.stamp(Clock::now()), EventKind::Fault, change});
    };
    // The engines' zones cost tens of ns each (bench/zone): recorded when a profile or a trace is asked for.
    std::optional<ZoneRecording> zones;
    if (m_scenario.profile.enabled || m_options.traceFile)
        zones.emplace(m_options.traceFile ? ZoneRecording::Spans::Kept : ZoneRecording::Spans::Dropped);
    runner.start();
    auto intervalStart = timeline.start();
    SloMonitor slos(m_scenario.slo);
    Ending ending = Ending::Planned;
    for (std::int64_t tick = 1;; ++tick) {
        const auto due = timeline.start() + std::chrono::seconds(tick);
        while (Clock::now() < due && !runner.finished() && request.load() == StopRequest::None &&
               !slos.abortCause() && !kindTracker.endsRun()) {
            if (faults) // polled between ticks: a compressed clock would move faults by whole ticks
                recordFaults(faults->advanceTo(begun.playedBefore + timeline.elapsed(Clock::now())));
            std::this_thread::sleep_for(std::min<Clock::duration>(due - Clock::now(), Millis(20)));
        }
        if (slos.abortCause())
            ending = Ending::Aborted;
        else if (request.load() != StopRequest::None)
            ending = request.load() == StopRequest::Abort ? Ending::Aborted : Ending::Stopped;
        const bool last = ending != Ending::Planned || runner.finished() || kindTracker.endsRun();
        if (last) {
            endLoad(runner, request);
            if (request.load() == StopRequest::Abort) // asked for during the drain
                ending = Ending::Aborted;
        }
        const auto now = Clock::now();

        Interval interval;
        interval.startMs = timeline.stamp(intervalStart);
        interval.durationMs = std::chrono::duration_cast<Millis>(now - intervalStart).count();
        recorder.collect(interval);
        interval.activeUsers = runner.activeUsers();
        interval.resources = sampler.sample();
        stages.update(m_store, runId, timeline.elapsed(intervalStart), interval.startMs);
        if (interval.durationMs > 0) {
            m_store.append(runId, interval);
            if (profiler)
                if (const Profile slice = profiler->takeSlice(); slice.totalSamples() > 0)
                    m_store.appendProfile(runId, interval.startMs, timeline.stamp(now),
                                          std::string(profiler->mechanism()), slice);
            totals.add(interval);
            const IntervalRow row = toRow(interval);
            for (auto* observer : m_observers)
                observer->intervalCompleted(interval, row, timeline.elapsed(now), planned);
            recordBreaches(runId, slos.add(interval, timeline.elapsed(now)), timeline.stamp(now));
            for (const RunEvent& event :
                 kindTracker.add(interval, row, timeline.elapsed(now), timeline.stamp(now)))
                m_store.addEvent(runId, event);
        }
        intervalStart = now;
        if (last)
            break;
    }

    if (faults)
        recordFaults(faults->finish());
    if (profiler)
        recordProfilerGaps(m_store, runId, *profiler, timeline.stamp(Clock::now()));
    Summary summary = conclude(runId, totals, slos, kindTracker, ending, timeline.stamp(Clock::now()),
                               {.zones = zones ? zones->engineZones() : std::vector<EngineZones>{},
                                .figures = hosted ? hosted->takeFigures() : std::vector<EngineFigure>{}});
    if (zones && m_options.traceFile)
        cli::writeOutputFile(*m_options.traceFile, [&](std::ostream& out) { zones->writeTrace(out); });
    return summary;
}

RunController::Start RunController::begin(RunTotals& totals) {
    if (!m_options.resumeRunId)
        return {.runId = m_store.beginRun(m_scenario.name, m_scenario.kind, toJson(m_scenario)),
                .workload = m_scenario.workload,
                .timelineMs = epochMsNow(),
                .playedBefore = Millis(0)};
    const std::int64_t runId = *m_options.resumeRunId;
    Millis ran{0};
    std::int64_t lastEndMs = 0;
    for (const IntervalRow& row : m_store.intervals(runId)) {
        totals.addStored(row);
        ran += Millis(row.durationMs);
        lastEndMs = std::max(lastEndMs, row.startMs + row.durationMs);
    }
    const auto done = Millis(std::llround(static_cast<double>(ran.count()) * m_options.timeScale));
    Workload rest = m_scenario.workload.remainingAfter(done);
    if (const auto run = m_store.run(runId); rest.stages.empty() && run && run->resumable())
        throw std::invalid_argument("run " + std::to_string(runId) + " already ran its whole plan (" +
                                    formatDuration(m_scenario.workload.totalDuration()) +
                                    "): nothing to resume");
    m_store.resumeRun(runId); // says why when it cannot be resumed
    for (const StoredHistogram& window : m_store.histograms(runId))
        totals.addStoredHistograms(window.latency, window.serviceTime);
    // The clock goes on after the last stored second, so seconds stay in order even under a time scale.
    return {.runId = runId,
            .workload = std::move(rest),
            .timelineMs = std::max(epochMsNow(), lastEndMs),
            .playedBefore = done};
}

void RunController::recordBreaches(std::int64_t runId, const std::vector<SloResult>& breaches,
                                   std::int64_t stampMs) {
    for (const SloResult& breach : breaches)
        m_store.addEvent(runId, {stampMs, EventKind::SloBreach, describeBreach(breach)});
}

Summary RunController::conclude(std::int64_t runId, const RunTotals& totals, SloMonitor& slos,
                                const KindTracker& kind, Ending ending, std::int64_t endMs,
                                EngineReport engine) {
    recordBreaches(runId, slos.finish(), endMs);
    for (const RunEvent& event : kind.finish(endMs))
        m_store.addEvent(runId, event);
    Summary summary = totals.summarize(runId, m_scenario, ending == Ending::Aborted, slos.windowResults());
    if (ending == Ending::Stopped) // judged over the seconds that ran, but the plan did not run to its end
        summary.status = RunStatus::Stopped;
    summary.host = hostName();
    summary.perflabVersion = PERFLAB_VERSION;
    summary.zones = std::move(engine.zones);
    summary.engineFigures = std::move(engine.figures);
    if (!summary.engineFigures.empty())
        m_store.addEvent(runId,
                         {endMs, EventKind::EngineFigures, describeEngineFigures(summary.engineFigures)});
    kind.fill(summary);
    if (ending == Ending::Aborted)
        summary.abortReason =
            slos.abortCause() ? "SLO breach: " + describeBreach(*slos.abortCause()) : "by request";
    if (ending == Ending::Stopped)
        m_store.addEvent(runId, {endMs, EventKind::Stopped, "stopped by request"});
    if (ending == Ending::Aborted)
        m_store.addEvent(runId, {endMs, EventKind::Aborted, summary.abortReason});
    m_store.finishRun(runId, summary.status, toJson(summary), endMs);
    return summary;
}

} // namespace perflab

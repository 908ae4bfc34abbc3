// The end-of-run summary (docs/cli.md "The summary JSON"): totals over all intervals and the SLO verdicts.
#pragma once

#include "model/metrics/interval.h"
#include "model/results/engine_figure.h"
#include "model/results/run_status.h"
#include "model/results/slo.h"
#include "model/results/trend.h"
#include "model/scenario/scenario.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace perflab {

// Stress runs: the offered load (req/s, or virtual users) where the steps broke, the last step that held
// and the knee of the latency curve; each absent when the run did not find it.
struct StressResult {
    std::string unit; // "req/s" | "virtual users"
    std::optional<double> breakingPoint;
    std::string breakingReason;
    std::optional<double> lastSustainable;
    std::optional<double> knee;
};

// Spike runs: how long after the load came back latency and errors were back to their earlier level.
struct SpikeResult {
    std::optional<double> recoveryS; // none: not recovered by the end of the run
};

// One part of the traffic: a request of the target's mix ("GET http://…"), or a status class ("5xx").
struct PartSummary {
    std::string name;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::uint64_t degraded = 0; // answered from a fallback
    LatencyFigures latency;     // successful requests
    LatencyFigures failureTime; // failed requests: from the send to the failure
};

// A zone of one engine's call tree, summed over the paths it ran on (summary "zones").
struct ZoneFigures {
    std::string name;
    std::uint64_t count = 0;
    double inclusiveMs = 0;
    double selfMs = 0;
};

// The zones under one outermost zone (an engine's execute, "analytics.optimized"), largest inclusive first.
struct EngineZones {
    std::string engine;
    std::vector<ZoneFigures> zones;
};

struct Summary {
    std::int64_t runId = 0;
    std::string name;
    TestKind kind = TestKind::Load;
    std::string comparisonTarget; // of its scenario's target; empty in summaries from before it was kept
    RunStatus status = RunStatus::Passed; // Passed, Failed, Stopped or Aborted when the run wrote it
    double durationS = 0;
    RequestCounts counts{};
    double errorRate = 0;
    double degradedRate = 0;  // answers served from a fallback, of all requests
    StaleAgeFigures staleAge; // how old those answers were
    double throughputRps = 0; // successful requests per second
    double throughputRpm = 0;
    double attemptedRps = 0;           // every completed request, failed or not, per second
    LatencyFigures latency;            // successful requests, from the intended send time
    LatencyFigures latencyUncorrected; // successful requests, service time
    LatencyFigures failureTime;        // failed requests, from the send to the failure
    std::string latencyBasis;          // what latency is measured from (model/results/latency_basis.h)
    double cpuPercentMax = 0;          // process CPU as a share of all cores
    double memoryPercentMax = 0;
    std::uint64_t rssBytesMax = 0;
    // The generator and the process under test (ResourceSample), each only when it was measured.
    TargetPlacement target = TargetPlacement::Unknown; // the last measured second's
    std::optional<double> generatorCpuPercentMax;
    std::optional<double> targetCpuPercentMax;
    std::optional<std::uint64_t> targetRssBytesMax;
    std::vector<SloResult> slos; // whole-run results, then the windows' (model/results/slo.h)
    bool passed = true;
    std::string verdictReason;      // why the run failed without an SLO failing (model/results/verdict.h)
    std::string abortReason;        // why an aborted run was: "by request" or an SLO breach
    std::optional<LeakReport> leak; // soak runs: the RSS trend's verdict
    // By part of the traffic: each request of an HTTP target's list, or each request shape of an engine's
    // mix, in their order (RunTotals::nameParts).
    std::vector<PartSummary> endpoints;
    std::vector<PartSummary> statusClasses; // the classes that occurred
    std::optional<StressResult> stress;
    std::optional<SpikeResult> spike;
    std::string host;               // the machine that ran it (empty in summaries from before it was kept)
    std::string perflabVersion;     // the Perflab that ran it
    std::vector<EngineZones> zones; // when the run recorded zones (profile enabled, or a trace asked for)
    std::vector<EngineFigure> engineFigures; // what the hosted engine reported of its own work
};

// Accumulates a run's intervals: merged histograms (percentiles are never averaged), maxima and the RSS
// trend (per-minute medians).
class RunTotals {
public:
    // The names of the parts Interval::byRequest counts (requestNames for an HTTP target, the shapes of an
    // engine's mix); a part without a name is called "request N".
    void nameParts(std::vector<std::string> names) { m_partNames = std::move(names); }
    void add(const Interval& interval);
    // A resumed run's earlier part, from the store: its seconds, then its 10 s histogram windows.
    // A stored second's stale ages enter at its mean (its histogram is not kept); their maximum stays exact.
    void addStored(const IntervalRow& row);
    void addStoredHistograms(const Histogram& latency, const Histogram& serviceTime);
    // Judges the whole-run SLOs and appends windowResults (SloMonitor's); status is Aborted when aborted,
    // else Failed when an SLO failed or the requests are no evidence (too few succeeded), else Passed
    // (RunController marks a stopped run Stopped).
    Summary summarize(std::int64_t runId, const Scenario& scenario, bool aborted,
                      std::vector<SloResult> windowResults = {}) const;
    std::uint64_t requests() const noexcept { return m_counts.requests; }
    std::uint64_t connectErrors() const noexcept { return m_counts.errorsOf(ErrorKind::Connect); }

private:
    template <class Second> void addCounts(const Second& second);

    Histogram m_latency;
    Histogram m_serviceTime;
    Histogram m_failureTime;
    Histogram m_staleAge;
    double m_storedStaleAgeMaxMs = 0;
    RequestCounts m_counts;
    std::int64_t m_durationMs = 0;
    double m_cpuPercentMax = 0;
    double m_memoryPercentMax = 0;
    std::uint64_t m_rssBytesMax = 0;
    std::uint64_t m_memoryLimitBytes = 0;
    TargetPlacement m_target = TargetPlacement::Unknown;
    std::optional<double> m_generatorCpuPercentMax;
    std::optional<double> m_targetCpuPercentMax;
    std::optional<std::uint64_t> m_targetRssBytesMax;
    RssTrend m_rssTrend;
    std::vector<LatencyPart> m_byRequest;
    std::vector<LatencyPart> m_byStatusClass;
    std::vector<std::string> m_partNames;
};

// "GET http://host/path" for each request of an HTTP target, in order.
std::vector<std::string> requestNames(const Target& target);

// Raises an optional maximum by a measured value; an absent value leaves it as it is.
template <class T> void extendMax(std::optional<T>& max, const std::optional<T>& value) {
    if (value)
        max = max ? std::max(*max, *value) : *value;
}

// Sets the rates from counts and durationS: error and degraded rates, successful and attempted throughput.
void setRates(Summary& summary);

std::string toJson(const Summary& summary); // pretty-printed, docs/cli.md's keys
// Throws std::invalid_argument on malformed input (an unknown kind or status named).
Summary summaryFromJson(const std::string& json);

} // namespace perflab

// Whole-run totals and SLO verdicts; the summary's JSON form is in summary_json.cpp.
#include "model/results/summary.h"

#include "model/results/latency_basis.h"
#include "model/results/verdict.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace perflab {

namespace {

PartSummary partSummary(std::string name, const LatencyPart& part) {
    return {.name = std::move(name),
            .requests = part.requests,
            .errors = part.errors,
            .degraded = part.degraded,
            .latency = latencyFigures(part.latency),
            .failureTime = latencyFigures(part.failureTime)};
}

} // namespace

std::vector<std::string> requestNames(const Target& target) {
    std::vector<std::string> names;
    for (const HttpRequestSpec& request : target.requests)
        names.push_back(request.method + " " + request.url);
    return names;
}

void RunTotals::add(const Interval& interval) {
    addStoredHistograms(interval.latency, interval.serviceTime);
    m_failureTime.merge(interval.failureTime);
    m_staleAge.merge(interval.staleAge);
    addCounts(interval);
    mergeParts(interval.byRequest, m_byRequest);
    mergeParts(interval.byStatusClass, m_byStatusClass);
}

void RunTotals::addStored(const IntervalRow& row) {
    if (row.counts.degraded > 0)
        m_staleAge.record(std::llround(row.staleAge.mean * 1000), row.counts.degraded);
    m_storedStaleAgeMaxMs = std::max(m_storedStaleAgeMaxMs, row.staleAge.max);
    addCounts(row);
}

void RunTotals::addStoredHistograms(const Histogram& latency, const Histogram& serviceTime) {
    m_latency.merge(latency);
    m_serviceTime.merge(serviceTime);
}

// Interval and IntervalRow share these fields.
template <class Second> void RunTotals::addCounts(const Second& interval) {
    m_counts += interval.counts;
    m_durationMs += interval.durationMs;
    m_cpuPercentMax = std::max(m_cpuPercentMax, interval.resources.processCpuPercent);
    m_memoryPercentMax = std::max(m_memoryPercentMax, interval.resources.processMemoryPercent);
    m_rssBytesMax = std::max(m_rssBytesMax, interval.resources.processRssBytes);
    m_memoryLimitBytes = std::max(m_memoryLimitBytes, interval.resources.memoryLimitBytes);
    m_rssTrend.add(interval.startMs, interval.resources.processRssBytes);
    const ResourceSample& r = interval.resources;
    if (r.target != TargetPlacement::Unknown)
        m_target = r.target;
    extendMax(m_generatorCpuPercentMax, r.generatorCpuPercent);
    extendMax(m_targetCpuPercentMax, r.targetCpuPercent);
    extendMax(m_targetRssBytesMax, r.targetRssBytes);
}

Summary RunTotals::summarize(std::int64_t runId, const Scenario& scenario, bool aborted,
                             std::vector<SloResult> windowResults) const {
    Summary s;
    s.runId = runId;
    s.name = scenario.name;
    s.kind = scenario.kind;
    s.comparisonTarget = comparisonTarget(scenario.target);
    s.durationS = static_cast<double>(m_durationMs) / 1000.0;
    s.counts = m_counts;
    setRates(s);
    s.latency = latencyFigures(m_latency);
    s.latencyUncorrected = latencyFigures(m_serviceTime);
    s.failureTime = latencyFigures(m_failureTime);
    s.staleAge = staleAgeFigures(m_staleAge);
    s.staleAge.max = std::max(s.staleAge.max, m_storedStaleAgeMaxMs);
    s.latencyBasis = latencyBasis(scenario.workload);
    s.cpuPercentMax = m_cpuPercentMax;
    s.memoryPercentMax = m_memoryPercentMax;
    s.rssBytesMax = m_rssBytesMax;
    s.target = m_target;
    s.generatorCpuPercentMax = m_generatorCpuPercentMax;
    s.targetCpuPercentMax = m_targetCpuPercentMax;
    s.targetRssBytesMax = m_targetRssBytesMax;
    s.slos = judgeSlos(scenario.slo, {.p95Ms = s.latency.p95,
                                      .p95Measured = !m_latency.empty(),
                                      .rpm = s.throughputRpm,
                                      .errorRate = s.errorRate,
                                      .cpuPercent = s.cpuPercentMax,
                                      .memoryPercent = s.memoryPercentMax,
                                      .degradedRate = s.degradedRate});
    s.slos.insert(s.slos.end(), std::make_move_iterator(windowResults.begin()),
                  std::make_move_iterator(windowResults.end()));
    s.passed = std::all_of(s.slos.begin(), s.slos.end(), [](const SloResult& r) { return r.pass; });
    s.verdictReason = insufficientEvidence(m_counts, scenario.slo.minSuccessfulRequests);
    s.passed = s.passed && s.verdictReason.empty();
    s.status = aborted ? RunStatus::Aborted : (s.passed ? RunStatus::Passed : RunStatus::Failed);
    // On the run process's RSS: that is the process under test only when it hosts the engine.
    if (scenario.kind == TestKind::Soak && scenario.target.engine)
        s.leak = m_rssTrend.analyse(m_memoryLimitBytes);
    for (std::size_t i = 0; i < m_byRequest.size(); ++i)
        s.endpoints.push_back(partSummary(
            i < m_partNames.size() ? m_partNames[i] : "request " + std::to_string(i + 1), m_byRequest[i]));
    for (std::size_t c = 0; c < m_byStatusClass.size(); ++c)
        if (m_byStatusClass[c].requests > 0)
            s.statusClasses.push_back(
                partSummary(std::string(toString(static_cast<StatusClass>(c))), m_byStatusClass[c]));
    return s;
}

void setRates(Summary& s) {
    s.errorRate = s.counts.errorRate();
    s.degradedRate = s.counts.degradedRate();
    const auto perSecond = [&](std::uint64_t n) {
        return s.durationS > 0 ? static_cast<double>(n) / s.durationS : 0;
    };
    s.throughputRps = perSecond(s.counts.successes());
    s.throughputRpm = s.throughputRps * 60;
    s.attemptedRps = perSecond(s.counts.requests);
}

} // namespace perflab

// Reads a run's report data from the store: hour rollups for totals and histograms, chartSeries for charts.
#include "model/store/run_report.h"
#include "model/results/latency_basis.h"

#include "model/scenario/scenario.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace perflab {

namespace {

// A summary from the hour tier, for runs whose process never wrote one: the same totals as RunTotals,
// maxima from the chart envelopes.
Summary recomputedSummary(const RunInfo& run, const std::vector<Rollup>& hours, const Histogram& latency,
                          const Histogram& serviceTime) {
    Summary s;
    s.runId = run.id;
    s.name = run.name;
    s.kind = run.kind;
    s.status = run.status;
    std::uint64_t seconds = 0;
    for (const Rollup& hour : hours) {
        seconds += hour.seconds;
        s.counts += hour.counts;
        const auto max = [&](ChartFigure f) { return hour.figures[static_cast<std::size_t>(f)].max; };
        s.cpuPercentMax = std::max(s.cpuPercentMax, max(ChartFigure::ProcessCpu));
        s.memoryPercentMax = std::max(s.memoryPercentMax, max(ChartFigure::ProcessMemory));
        s.rssBytesMax = std::max(s.rssBytesMax, static_cast<std::uint64_t>(max(ChartFigure::ProcessRss)));
        const auto measured = [&](ChartFigure f) {
            return std::isnan(max(f)) ? std::nullopt : std::optional(max(f));
        };
        extendMax(s.generatorCpuPercentMax, measured(ChartFigure::GeneratorCpu));
        extendMax(s.targetCpuPercentMax, measured(ChartFigure::TargetCpu));
        if (const auto rss = measured(ChartFigure::TargetRss))
            extendMax(s.targetRssBytesMax, std::optional(static_cast<std::uint64_t>(*rss)));
    }
    s.durationS = static_cast<double>(seconds);
    setRates(s);
    s.latency = latencyFigures(latency);
    s.latencyUncorrected = latencyFigures(serviceTime);
    s.passed = run.status == RunStatus::Passed;
    return s;
}

bool holdsSummary(const std::string& json) {
    return json.find("\"run_id\"") != std::string::npos;
}

// The run's scenario; imported and simulated runs keep none.
std::optional<Scenario> scenarioOf(const RunInfo& run) {
    try {
        return parseScenario(run.scenarioJson, "run " + std::to_string(run.id));
    } catch (const ScenarioError&) {
        return std::nullopt;
    }
}

} // namespace

std::vector<std::string> profileSources(const std::vector<ProfileSliceInfo>& slices) {
    std::vector<std::string> sources;
    for (const ProfileSliceInfo& slice : slices)
        sources.push_back(slice.source);
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    return sources;
}

RunReport loadRunReport(const RunStore& store, std::int64_t runId, std::size_t chartBuckets) {
    const auto run = store.run(runId);
    if (!run)
        throw std::invalid_argument("no run " + std::to_string(runId) + " in " + store.path().string());
    RunReport report;
    report.run = *run;
    const std::optional<Scenario> scenario = scenarioOf(*run);
    report.target = scenario ? targetLabel(scenario->target) : std::string();
    report.latencyBasis = scenario ? latencyBasis(scenario->workload) : latencyBasisUnknown();
    report.events = store.events(runId);
    const auto hours = store.rollups(runId, kHourTierMs, std::numeric_limits<std::int64_t>::min(),
                                     std::numeric_limits<std::int64_t>::max());
    for (const Rollup& hour : hours) {
        if (hour.latency)
            report.latency.merge(*hour.latency);
        if (hour.serviceTime)
            report.serviceTime.merge(*hour.serviceTime);
    }
    report.endMs = run->endedMs > 0 ? run->endedMs : (hours.empty() ? run->startedMs : hours.back().endMs);
    report.overTime = store.chartSeries(runId, run->startedMs, std::max(report.endMs, run->startedMs + 1000),
                                        std::max<std::size_t>(1, chartBuckets));
    if (holdsSummary(run->summaryJson)) {
        report.summary = summaryFromJson(run->summaryJson);
    } else {
        report.summary = recomputedSummary(*run, hours, report.latency, report.serviceTime);
        report.summaryRecomputed = true;
    }
    if (report.summary.comparisonTarget.empty() && scenario) // stored before summaries named their target
        report.summary.comparisonTarget = comparisonTarget(scenario->target);
    const auto slices = store.profileSlices(runId);
    if (!slices.empty()) {
        report.profile = std::make_shared<const Profile>(store.profile(runId));
        report.profileSources = profileSources(slices);
    }
    return report;
}

} // namespace perflab

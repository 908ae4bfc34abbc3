// Step judging and knee finding for stress tests.
#include "load/kinds/breaking_point_search.h"

#include "model/format/figure_format.h"

#include <algorithm>

namespace perflab::load {

namespace {

std::string describe(const StressStep& step, const char* unit) {
    return formatSignificant(step.offered) + unit + ": " + formatSignificant(step.throughputRps) +
           " req/s, p95 " + formatSignificant(step.p95Ms) + " ms, errors " +
           formatSignificant(step.errorRate * 100) + " %";
}

} // namespace

BreakingPointSearch::BreakingPointSearch(const Workload& workload, const SloLimits& limits)
    : m_limits(limits)
    , m_openModel(workload.model == WorkloadModel::ArrivalRate) {
    Millis at{0};
    for (std::size_t i = 0; i < workload.stages.size(); ++i) {
        const Stage& stage = workload.stages[i];
        if (workload.holds(i))
            m_holds.push_back({at, at + stage.duration, stage.target});
        at += stage.duration;
    }
}

std::vector<StressEvent> BreakingPointSearch::add(const Interval& interval, Millis elapsed) {
    if (broken() || m_next >= m_holds.size())
        return {};
    const Hold& hold = m_holds[m_next];
    // A second belongs to the step its middle falls in, so ramps and seconds straddling a step's edge
    // count once at most.
    if (const Millis middle = elapsed - Millis(interval.durationMs / 2);
        middle >= hold.begin && middle < hold.end) {
        m_latency.merge(interval.latency);
        m_counts += interval.counts;
        m_durationMs += interval.durationMs;
    }
    // The run's ticks may land a few milliseconds before a stage's end: that second still closes the step.
    if (elapsed + kTickSlack >= hold.end)
        return close(hold);
    return {};
}

StressStep BreakingPointSearch::judge(const Hold& hold) const {
    StressStep step;
    step.offered = hold.target;
    step.throughputRps =
        m_durationMs > 0 ? static_cast<double>(m_counts.successes()) * 1000.0 / m_durationMs : 0;
    step.p95Ms = m_latency.empty() ? 0 : m_latency.percentile(95) / 1000.0;
    step.errorRate = m_counts.errorRate();
    if (m_counts.successes() == 0)
        step.breach = m_counts.requests == 0 ? "no request completed" : "no request succeeded";
    else if (m_limits.maxErrorRate && step.errorRate > *m_limits.maxErrorRate)
        step.breach = "error rate " + formatSignificant(step.errorRate * 100) + " % over the budget of " +
                      formatSignificant(*m_limits.maxErrorRate * 100) + " %";
    else if (m_limits.minAvailability && 1 - step.errorRate < *m_limits.minAvailability)
        step.breach = "availability " + formatSignificant((1 - step.errorRate) * 100) + " % under " +
                      formatSignificant(*m_limits.minAvailability * 100) + " %";
    else if (m_limits.p95Ms && step.p95Ms > *m_limits.p95Ms)
        step.breach =
            "p95 " + formatSignificant(step.p95Ms) + " ms over " + formatSignificant(*m_limits.p95Ms) + " ms";
    else if (m_openModel && step.throughputRps < kMinThroughputShare * hold.target)
        step.breach = "throughput " + formatSignificant(step.throughputRps) + " req/s short of the offered " +
                      formatSignificant(hold.target) + " req/s";
    return step;
}

std::vector<StressEvent> BreakingPointSearch::close(const Hold& hold) {
    const char* unit = m_openModel ? " req/s offered" : " virtual users";
    const StressStep step = judge(hold);
    m_steps.push_back(step);
    ++m_next;
    m_latency.reset();
    m_counts = {};
    m_durationMs = 0;
    std::vector<StressEvent> events{{EventKind::StressStep, describe(step, unit)}};
    if (step.breach.empty())
        return events;
    m_brokenAt = m_steps.size() - 1;
    events.push_back({EventKind::BreakingPoint, formatSignificant(step.offered) + unit + ": " + step.breach});
    if (const auto last = lastSustainable())
        events.push_back({EventKind::LastSustainable, describe(*last, unit)});
    else
        events.push_back({EventKind::LastSustainable, "none: the first step already broke"});
    return events;
}

std::optional<StressStep> BreakingPointSearch::breakingPoint() const {
    return m_brokenAt ? std::optional(m_steps[*m_brokenAt]) : std::nullopt;
}

std::optional<StressStep> BreakingPointSearch::lastSustainable() const {
    const std::size_t end = m_brokenAt.value_or(m_steps.size());
    return end > 0 ? std::optional(m_steps[end - 1]) : std::nullopt;
}

std::optional<StressStep> BreakingPointSearch::knee() const {
    if (m_steps.size() < 3)
        return std::nullopt;
    const StressStep& first = m_steps.front();
    const StressStep& last = m_steps.back();
    const double xSpan = last.offered - first.offered;
    const double ySpan = last.p95Ms - first.p95Ms;
    if (xSpan <= 0 || ySpan <= 0)
        return std::nullopt; // latency did not climb: no knee to speak of
    std::optional<StressStep> best;
    double bestGap = 0;
    for (const StressStep& step : m_steps) {
        const double x = (step.offered - first.offered) / xSpan;
        const double y = (step.p95Ms - first.p95Ms) / ySpan;
        if (x - y > bestGap) {
            bestGap = x - y;
            best = step;
        }
    }
    return best;
}

std::vector<StressEvent> BreakingPointSearch::finish() const {
    if (const auto point = knee())
        return {{EventKind::Knee, describe(*point, m_openModel ? " req/s offered" : " virtual users") +
                                      " (latency climbs faster than load beyond it)"}};
    return {};
}

} // namespace perflab::load

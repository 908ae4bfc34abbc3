// SLO limits against figures, the sliding window ring, and the live monitor's breach and abort decisions.
#include "model/results/slo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace perflab {

namespace {

double seconds(Millis duration) {
    return static_cast<double>(duration.count()) / 1000.0;
}

// Four significant digits, but whole numbers from 1000 up (10000 req/min, not 1e+04).
std::string shortNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, std::fabs(value) >= 1000 ? "%.0f" : "%.4g", value);
    return text;
}

} // namespace

bool isFloor(const SloResult& result) noexcept {
    return result.name == "min_rpm" || result.name == "min_availability";
}

std::string label(const SloResult& result) {
    if (result.windowS == 0)
        return result.name;
    return result.name + " over " + formatDuration(Millis(static_cast<std::int64_t>(result.windowS * 1000)));
}

std::string breachSubject(const SloResult& result) {
    return label(result) + (result.windowS == 0 ? " (whole run)" : "");
}

std::string describeBreach(const SloResult& result) {
    std::string text = breachSubject(result) + ": " + shortNumber(result.value) + ", threshold " +
                       (isFloor(result) ? ">= " : "< ") + shortNumber(result.threshold);
    if (result.breachedAtS)
        text += ", at " + shortNumber(*result.breachedAtS) + "s";
    return text;
}

std::vector<SloResult> judgeSlos(const SloLimits& limits, const SloFigures& figures, double windowS) {
    std::vector<SloResult> results;
    auto below = [&](const char* name, const std::optional<double>& threshold, double value) {
        if (threshold)
            results.push_back({.name = name,
                               .threshold = *threshold,
                               .value = value,
                               .pass = value < *threshold,
                               .windowS = windowS});
    };
    auto atLeast = [&](const char* name, const std::optional<double>& threshold, double value) {
        if (threshold)
            results.push_back({.name = name,
                               .threshold = *threshold,
                               .value = value,
                               .pass = value >= *threshold,
                               .windowS = windowS});
    };
    below("p95_ms", limits.p95Ms, figures.p95Ms);
    if (limits.p95Ms && !figures.p95Measured)
        results.back().pass = false;
    atLeast("min_rpm", limits.minRpm, figures.rpm);
    below("max_error_rate", limits.maxErrorRate, figures.errorRate);
    // Availability is the share of requests that succeeded: the plan's 99.99 % is judged as a floor on it.
    atLeast("min_availability", limits.minAvailability, 1 - figures.errorRate);
    below("max_cpu_percent", limits.maxCpuPercent, figures.cpuPercent);
    below("max_memory_percent", limits.maxMemoryPercent, figures.memoryPercent);
    below("max_degraded_rate", limits.maxDegradedRate, figures.degradedRate);
    return results;
}

SlidingWindow::SlidingWindow(Millis over, bool keepsLatency) {
    const auto overSeconds = static_cast<std::size_t>(std::max<std::int64_t>(1, over.count() / 1000));
    m_step = (overSeconds + kMaxSlots - 1) / kMaxSlots;
    m_slots.resize((overSeconds + m_step - 1) / m_step);
    if (keepsLatency)
        for (Slot& slot : m_slots)
            slot.latency.emplace();
}

bool SlidingWindow::add(const Interval& interval) {
    if (m_secondsInSlot == m_step) { // the previous interval completed the current slot: drop the oldest
        m_current = (m_current + 1) % m_slots.size();
        Slot& oldest = m_slots[m_current];
        if (oldest.latency)
            oldest.latency->reset();
        oldest = {.latency = std::move(oldest.latency)};
        m_secondsInSlot = 0;
    }
    Slot& slot = m_slots[m_current];
    if (slot.latency)
        slot.latency->merge(interval.latency);
    slot.counts += interval.counts;
    slot.durationMs += interval.durationMs;
    slot.cpuPercentMs += interval.resources.processCpuPercent * static_cast<double>(interval.durationMs);
    slot.memoryPercentMax = std::max(slot.memoryPercentMax, interval.resources.processMemoryPercent);
    if (++m_secondsInSlot < m_step)
        return false;
    m_completedSlots = std::min(m_completedSlots + 1, m_slots.size());
    return m_completedSlots == m_slots.size();
}

SloFigures SlidingWindow::figures() const {
    std::optional<Histogram> latency; // every slot keeps one, or none does
    if (m_slots.front().latency)
        latency.emplace();
    RequestCounts counts;
    std::int64_t durationMs = 0;
    double cpuPercentMs = 0;
    SloFigures figures;
    for (const Slot& slot : m_slots) {
        if (latency)
            latency->merge(*slot.latency);
        counts += slot.counts;
        durationMs += slot.durationMs;
        cpuPercentMs += slot.cpuPercentMs;
        figures.memoryPercent = std::max(figures.memoryPercent, slot.memoryPercentMax);
    }
    if (latency)
        figures.p95Ms = latencyFigures(*latency).p95;
    if (durationMs > 0) {
        figures.rpm = static_cast<double>(counts.successes()) * 60'000.0 / static_cast<double>(durationMs);
        figures.cpuPercent = cpuPercentMs / static_cast<double>(durationMs);
    }
    figures.errorRate = counts.errorRate();
    figures.degradedRate = counts.degradedRate();
    return figures;
}

SloMonitor::SloMonitor(const SloSpec& spec)
    : m_maxima{.maxCpuPercent = spec.maxCpuPercent, .maxMemoryPercent = spec.maxMemoryPercent}
    , m_abortOnBreach(spec.abortOnBreach)
    , m_grace(spec.grace) {
    for (const SloWindow& window : spec.windows) {
        std::vector<SloResult> verdicts = judgeSlos(window.limits, {}, seconds(window.over));
        for (SloResult& verdict : verdicts)
            verdict.pass = true; // not judged yet
        m_windows.push_back({.limits = window.limits,
                             .overS = seconds(window.over),
                             .data = SlidingWindow(window.over, window.limits.p95Ms.has_value()),
                             .verdicts = std::move(verdicts)});
    }
}

std::vector<SloResult> SloMonitor::add(const Interval& interval, Millis elapsed) {
    m_elapsed = elapsed;
    std::vector<SloResult> breaches = judgeWholeRunMaxima(interval);
    for (Window& window : m_windows)
        if (window.data.add(interval))
            for (SloResult& breach : judge(window))
                breaches.push_back(std::move(breach));
    return breaches;
}

std::vector<SloResult> SloMonitor::finish() {
    std::vector<SloResult> breaches;
    for (Window& window : m_windows)
        if (!window.judged)
            for (SloResult& breach : judge(window))
                breaches.push_back(std::move(breach));
    return breaches;
}

std::vector<SloResult> SloMonitor::windowResults() const {
    std::vector<SloResult> results;
    for (const Window& window : m_windows)
        results.insert(results.end(), window.verdicts.begin(), window.verdicts.end());
    return results;
}

std::vector<SloResult> SloMonitor::judge(Window& window) {
    const std::vector<SloResult> now = judgeSlos(window.limits, window.data.figures(), window.overS);
    std::vector<SloResult> firstBreaches;
    for (std::size_t i = 0; i < now.size(); ++i) {
        SloResult& verdict = window.verdicts[i];
        const bool worse = isFloor(verdict) ? now[i].value < verdict.value : now[i].value > verdict.value;
        if (!window.judged || worse)
            verdict.value = now[i].value;
        if (now[i].pass)
            continue;
        SloResult breach = now[i];
        breach.breachedAtS = seconds(m_elapsed);
        if (verdict.pass) {
            verdict.pass = false;
            verdict.breachedAtS = breach.breachedAtS;
            firstBreaches.push_back(breach);
        }
        considerAbort(breach);
    }
    window.judged = true;
    return firstBreaches;
}

std::vector<SloResult> SloMonitor::judgeWholeRunMaxima(const Interval& interval) {
    const SloFigures second{.cpuPercent = interval.resources.processCpuPercent,
                            .memoryPercent = interval.resources.processMemoryPercent};
    std::vector<SloResult> firstBreaches;
    for (SloResult& result : judgeSlos(m_maxima, second)) {
        const bool known = std::any_of(m_maximaBreaches.begin(), m_maximaBreaches.end(),
                                       [&](const SloResult& b) { return b.name == result.name; });
        if (result.pass || known)
            continue;
        result.breachedAtS = seconds(m_elapsed);
        m_maximaBreaches.push_back(result);
        firstBreaches.push_back(result);
    }
    for (const SloResult& breach : m_maximaBreaches)
        considerAbort(breach);
    return firstBreaches;
}

void SloMonitor::considerAbort(const SloResult& failing) {
    if (m_abortOnBreach && !m_abortCause && m_elapsed >= m_grace)
        m_abortCause = failing;
}

} // namespace perflab

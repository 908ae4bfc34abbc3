// Fault timing: a fault is active on [at, at + duration) of the run's clock, and at least once even when
// it is shorter than the gap between two calls (a compressed clock moves in big steps).
#include "load/kinds/fault_schedule.h"

#include <algorithm>
#include <cmath>

namespace perflab::load {

using engines::FaultSettings;

namespace {

FaultSettings combine(const std::vector<Fault>& faults, const std::vector<bool>& active) {
    FaultSettings settings;
    for (std::size_t i = 0; i < faults.size(); ++i) {
        if (!active[i])
            continue;
        const Fault& fault = faults[i];
        switch (fault.kind) {
        case FaultKind::UpstreamOutage:
            settings.outage = true;
            break;
        case FaultKind::UpstreamLatency:
            settings.addedLatency += Millis(std::llround(fault.value));
            break;
        case FaultKind::UpstreamErrors:
            settings.errorRate = std::max(settings.errorRate, fault.value);
            break;
        case FaultKind::UpstreamResets:
            settings.resetRate = std::max(settings.resetRate, fault.value);
            break;
        }
    }
    return settings;
}

std::string percent(double fraction) {
    const double value = std::round(fraction * 1000) / 10;
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
        text.pop_back();
    return text + "%";
}

} // namespace

std::string describeFault(const Fault& fault) {
    std::string what(toString(fault.kind));
    if (fault.kind == FaultKind::UpstreamLatency)
        what.append(" +").append(std::to_string(std::llround(fault.value))).append(" ms");
    else if (fault.kind != FaultKind::UpstreamOutage)
        what.append(" ").append(percent(fault.value)).append(" of calls");
    return what.append(" for ").append(formatDuration(fault.duration));
}

FaultSchedule::FaultSchedule(std::vector<Fault> faults, engines::UpstreamFaults& upstream)
    : m_faults(std::move(faults))
    , m_active(m_faults.size(), false)
    , m_started(m_faults.size(), false)
    , m_upstream(upstream) {}

FaultSchedule::~FaultSchedule() {
    m_upstream.set({});
}

std::vector<std::string> FaultSchedule::advanceTo(Millis elapsed) {
    std::vector<bool> active(m_faults.size());
    for (std::size_t i = 0; i < m_faults.size(); ++i)
        active[i] =
            elapsed >= m_faults[i].at && (elapsed < m_faults[i].at + m_faults[i].duration || !m_started[i]);
    return applyActive(active, "");
}

std::vector<std::string> FaultSchedule::finish() {
    return applyActive(std::vector<bool>(m_faults.size(), false), " (the run ended first)");
}

std::vector<std::string> FaultSchedule::applyActive(const std::vector<bool>& active,
                                                    const std::string& endNote) {
    std::vector<std::string> changes;
    for (std::size_t i = 0; i < m_faults.size(); ++i)
        if (active[i] != m_active[i])
            changes.push_back((active[i] ? "started: " : "ended: ") + describeFault(m_faults[i]) +
                              (active[i] ? "" : endNote));
    if (!changes.empty()) {
        for (std::size_t i = 0; i < m_faults.size(); ++i)
            m_started[i] = m_started[i] || active[i];
        m_active = active;
        m_upstream.set(combine(m_faults, m_active));
    }
    return changes;
}

} // namespace perflab::load

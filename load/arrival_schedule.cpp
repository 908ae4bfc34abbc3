// Inverts the piecewise-linear cumulative rate: a quadratic per segment, so ramps cost no numeric stepping.
#include "load/arrival_schedule.h"

#include <algorithm>
#include <cmath>

namespace perflab::load {

ArrivalSchedule::ArrivalSchedule(const std::vector<Stage>& stages, double share) {
    double start = 0;
    double previous = 0;
    for (const Stage& stage : stages) {
        const double duration = std::chrono::duration<double>(stage.duration).count();
        if (duration > 0) // a zero-length stage is a step to its target
            m_segments.push_back({start, duration, previous * share, stage.target * share});
        start += duration;
        previous = stage.target;
    }
}

std::optional<std::chrono::nanoseconds> ArrivalSchedule::advance(double work) noexcept {
    while (m_segment < m_segments.size()) {
        const Segment& s = m_segments[m_segment];
        const double slope = (s.toRate - s.fromRate) / s.duration;
        const double rate = s.fromRate + slope * (m_now - s.start);
        const double left = s.start + s.duration - m_now;
        const double available = rate * left + slope * left * left / 2;
        if (available >= work && available > 0) {
            // rate*x + slope/2*x^2 = work, in the form that stays accurate when slope is ~0.
            const double root = std::sqrt(std::max(0.0, rate * rate + 2 * slope * work));
            const double x = rate + root > 0 ? 2 * work / (rate + root) : 0;
            m_now += std::min(x, left);
            return std::chrono::nanoseconds(std::llround(m_now * 1e9));
        }
        work -= std::max(0.0, available);
        m_now = s.start + s.duration;
        ++m_segment;
    }
    return std::nullopt;
}

} // namespace perflab::load

// Calibrates the zones' tick counter against steady_clock.
#include "collectors/zones/zone_clock.h"

#include <cmath>
#include <thread>

namespace perflab::zone_clock {

namespace {

using Steady = std::chrono::steady_clock;

struct Anchor {
    std::uint64_t ticks;
    Steady::time_point steady;
};

const Anchor& anchorPoint() {
    static const Anchor point{now(), Steady::now()};
    return point;
}

std::int64_t sinceEpochNs(Steady::time_point at) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch()).count();
}

} // namespace

std::int64_t Calibration::steadyNanos(std::uint64_t stamp) const {
    const auto sinceAnchor = static_cast<std::int64_t>(stamp - anchorTicks); // stamps before it are negative
    return anchorSteadyNs + std::llround(static_cast<double>(sinceAnchor) * nanosPerTick);
}

void anchor() {
    anchorPoint();
}

Calibration calibrate() {
    const Anchor& start = anchorPoint();
#if defined(__x86_64__) || defined(__i386__)
    constexpr auto kShortest = std::chrono::milliseconds(20);
    if (const auto since = Steady::now() - start.steady; since < kShortest)
        std::this_thread::sleep_for(kShortest - since);
    const std::uint64_t ticks = now();
    const auto steady = Steady::now();
    const double perTick = std::chrono::duration<double, std::nano>(steady - start.steady).count() /
                           static_cast<double>(ticks - start.ticks);
#else
    const double perTick = std::chrono::duration<double, std::nano>(Steady::duration(1)).count();
#endif
    return {
        .anchorTicks = start.ticks, .anchorSteadyNs = sinceEpochNs(start.steady), .nanosPerTick = perTick};
}

} // namespace perflab::zone_clock

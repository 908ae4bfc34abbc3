// The zones' clock: the CPU's time-stamp counter where there is one (a few ns a read; clock_gettime costs
// several times more, see bench/zone), calibrated against steady_clock when zones are collected.
#pragma once

#include <chrono>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace perflab::zone_clock {

inline std::uint64_t now() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    return __rdtsc();
#else
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

// Converts tick stamps and tick counts to nanoseconds.
struct Calibration {
    std::uint64_t anchorTicks;
    std::int64_t anchorSteadyNs; // steady_clock time at anchorTicks, since its epoch
    double nanosPerTick;

    double nanos(std::uint64_t ticks) const { return static_cast<double>(ticks) * nanosPerTick; }
    // A tick stamp as steady_clock nanoseconds since its epoch.
    std::int64_t steadyNanos(std::uint64_t stamp) const;
};

// Fixes the calibration's starting point (a tick stamp and a steady_clock time read together); the first
// call of calibrate() does it too, but calling it early makes later calibrations longer and finer.
void anchor();
// Measures the tick rate over the time since the anchor (at least 20 ms: it waits for the rest).
Calibration calibrate();

} // namespace perflab::zone_clock

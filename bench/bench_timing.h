// Timing helpers the benchmark programs share: elapsed milliseconds, the median of repeated runs, and the
// calling thread's processor time per call of a body.
#pragma once

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace perflab::bench {

using Clock = std::chrono::steady_clock;

inline double millisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The middle value (the upper one of an even count); `values` must not be empty.
inline double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// The calling thread's processor time in ns (other processes on a busy machine do not inflate it).
inline double threadCpuNanos() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
}

// Processor time per call of `body`, over `calls` calls.
template <typename Body> double nanosPerCall(int calls, Body body) {
    const double start = threadCpuNanos();
    for (int i = 0; i < calls; ++i)
        body();
    return (threadCpuNanos() - start) / calls;
}

} // namespace perflab::bench

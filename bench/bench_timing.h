// Timing helpers the benchmark programs share: elapsed milliseconds and the median of repeated runs.
#pragma once

#include <algorithm>
#include <chrono>
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

} // namespace perflab::bench

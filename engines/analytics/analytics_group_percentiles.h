// Exact nearest-rank percentiles of every group at once, by radix selection on the samples' ordered
// bit patterns: a few linear passes over all samples instead of a selection per group over all of them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace perflab::engines::analytics {

struct GroupSamples {
    std::span<const double> values;
    std::span<const std::uint32_t> groups; // the group of each value; empty: all belong to group 0
    std::span<const std::uint64_t> counts; // values per group
    double low = 0, high = 0;              // the smallest and largest value that is not NaN
};

// Per group, the value exactPercentile gives (NaN for an empty group).
std::vector<double> groupPercentiles(const GroupSamples& samples, double percentile);

} // namespace perflab::engines::analytics

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
    // Per group, the smallest and largest value that is not NaN (low > high: it has none). Each group's
    // buckets split its own range: a group's values often fill a sliver of the range of all values.
    std::span<const double> lows, highs;
};

// Per group, the value exactPercentile gives (NaN for an empty group).
std::vector<double> groupPercentiles(const GroupSamples& samples, double percentile);

} // namespace perflab::engines::analytics

// Radix selection: map each double to an unsigned key with the same order, histogram the keys' high
// bits per group, find the bucket holding each group's rank, and only sort out that bucket's samples.
#include "engines/analytics/analytics_group_percentiles.h"

#include "engines/analytics/analytics_result.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace perflab::engines::analytics {

namespace {

// Histogram counters of all groups together stay near L1 size (8192 x 4 bytes).
constexpr int kCounterBits = 13;
constexpr std::uint32_t kNoBucket = std::numeric_limits<std::uint32_t>::max();

// Ascending doubles (not NaN) give ascending keys; -0 and +0 are equal values, so adding +0 gives
// them one key.
std::uint64_t orderedKey(double value) noexcept {
    const auto bits = std::bit_cast<std::uint64_t>(value + 0.0);
    return bits ^ ((bits >> 63) != 0 ? ~std::uint64_t{0} : std::uint64_t{1} << 63);
}

// Each group's buckets split its [low, high] evenly in key space; NaNs get one more bucket above them all.
class Buckets {
public:
    Buckets(std::span<const double> lows, std::span<const double> highs)
        : m_low(lows.size())
        , m_shift(lows.size()) {
        const int groupBits = static_cast<int>(std::bit_width(lows.size() - 1));
        const int bucketBits = std::clamp(kCounterBits - groupBits, 4, 11);
        m_nan = std::uint32_t{1} << bucketBits;
        for (std::size_t g = 0; g < lows.size(); ++g) {
            const bool numbers = lows[g] <= highs[g]; // false: every sample of the group is NaN, or none
            m_low[g] = numbers ? orderedKey(lows[g]) : 0;
            const std::uint64_t span = numbers ? orderedKey(highs[g]) - m_low[g] : 0;
            m_shift[g] =
                static_cast<std::uint8_t>(std::max(0, static_cast<int>(std::bit_width(span)) - bucketBits));
        }
    }
    std::size_t perGroup() const noexcept { return m_nan + 1; }
    std::uint32_t of(double value, std::uint32_t group) const noexcept {
        return value != value
                   ? m_nan
                   : static_cast<std::uint32_t>((orderedKey(value) - m_low[group]) >> m_shift[group]);
    }

private:
    std::vector<std::uint64_t> m_low;
    std::vector<std::uint8_t> m_shift;
    std::uint32_t m_nan = 0;
};

struct GroupOf {
    std::span<const std::uint32_t> groups;
    std::uint32_t operator()(std::size_t i) const noexcept { return groups.empty() ? 0 : groups[i]; }
};

} // namespace

std::vector<double> groupPercentiles(const GroupSamples& samples, double percentile) {
    const std::span<const double> values = samples.values;
    const std::span<const std::uint64_t> counts = samples.counts;
    std::vector<double> result(counts.size(), std::numeric_limits<double>::quiet_NaN());
    if (values.empty()) {
        return result;
    }
    const GroupOf groupOf{samples.groups};
    const Buckets buckets(samples.lows, samples.highs);
    std::vector<std::uint32_t> histogram(counts.size() * buckets.perGroup());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::uint32_t g = groupOf(i);
        ++histogram[g * buckets.perGroup() + buckets.of(values[i], g)];
    }
    // Per group: the bucket holding the rank, the rank inside it, and where its samples go.
    std::vector<std::uint32_t> target(counts.size(), kNoBucket);
    std::vector<std::size_t> rankInBucket(counts.size()), start(counts.size() + 1), next(counts.size());
    for (std::size_t g = 0; g < counts.size(); ++g) {
        const std::uint32_t* counters = histogram.data() + g * buckets.perGroup();
        std::size_t rank = counts[g] == 0 ? 0 : percentileIndex(percentile, counts[g]);
        std::uint32_t bucket = 0;
        while (counts[g] != 0 && rank >= counters[bucket]) {
            rank -= counters[bucket++];
        }
        target[g] = counts[g] == 0 ? kNoBucket : bucket;
        rankInBucket[g] = rank;
        start[g + 1] = start[g] + (counts[g] == 0 ? 0 : counters[bucket]);
        next[g] = start[g];
    }
    std::vector<double> candidates(start.back());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::uint32_t g = groupOf(i);
        if (buckets.of(values[i], g) == target[g]) { // rare: one bucket of many
            candidates[next[g]++] = values[i];
        }
    }
    for (std::size_t g = 0; g < counts.size(); ++g) {
        if (target[g] != kNoBucket) {
            result[g] = nthSmallest(std::span(candidates).subspan(start[g], start[g + 1] - start[g]),
                                    rankInBucket[g]);
        }
    }
    return result;
}

} // namespace perflab::engines::analytics

// HDR (log-linear) latency histogram in microseconds, with the HdrHistogram V2 compressed encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace perflab {

// Same bucket layout and percentile semantics as HdrHistogram, so encoded histograms open in its tools.
// Not thread-safe: each writer owns one (LatencyRecorder swaps them), readers merge copies.
class Histogram {
public:
    static constexpr std::int64_t kLowest = 1;                // 1 µs
    static constexpr std::int64_t kHighest = 3'600'000'000LL; // 1 h in µs
    static constexpr int kSignificantDigits = 3;

    explicit Histogram(std::int64_t lowest = kLowest, std::int64_t highest = kHighest,
                       int significantDigits = kSignificantDigits);

    // Negative values count as 0, values above the highest trackable value as that value.
    void record(std::int64_t value, std::uint64_t count = 1) noexcept;
    // Records value and, when it exceeds expectedInterval, the samples a stalled sender would have
    // produced (value - k*expectedInterval for k = 1.. while >= expectedInterval), as HdrHistogram does.
    void recordCorrected(std::int64_t value, std::int64_t expectedInterval) noexcept;
    // Throws std::invalid_argument when the other histogram has a different layout.
    void merge(const Histogram& other);
    void reset() noexcept;

    // p in [0, 100]; the highest value equivalent to the sample at that rank (HdrHistogram semantics). 0 when
    // empty.
    std::int64_t percentile(double p) const noexcept;
    // Recorded values at or below `value` (values equivalent to it at this precision count as below).
    std::uint64_t countAtOrBelow(std::int64_t value) const noexcept;
    double mean() const noexcept;
    std::int64_t min() const noexcept;
    std::int64_t max() const noexcept;
    std::uint64_t count() const noexcept { return m_totalCount; }
    bool empty() const noexcept { return m_totalCount == 0; }

    std::int64_t lowest() const noexcept { return m_lowest; }
    std::int64_t highest() const noexcept { return m_highest; }
    int significantDigits() const noexcept { return m_significantDigits; }

    // HdrHistogram V2 compressed encoding (cookie 0x1c849304, zlib-deflated V2 payload).
    std::vector<std::uint8_t> encode() const;
    // Throws std::runtime_error naming what is wrong with the bytes.
    static Histogram decode(std::span<const std::uint8_t> bytes);

private:
    std::size_t indexOf(std::int64_t value) const noexcept;
    std::int64_t valueAt(std::size_t index) const noexcept; // lowest value counted at index
    std::int64_t rangeAt(std::size_t index) const noexcept; // how many values share index
    std::int64_t highestAt(std::size_t index) const noexcept { return valueAt(index) + rangeAt(index) - 1; }
    bool sameLayout(const Histogram& other) const noexcept;
    void recomputeTotals() noexcept;
    static Histogram decodePlain(std::span<const std::uint8_t> bytes); // uncompressed V2

    std::int64_t m_lowest;
    std::int64_t m_highest;
    int m_significantDigits;
    int m_unitMagnitude = 0;
    int m_subBucketHalfCountMagnitude = 0;
    std::int32_t m_subBucketCount = 0;
    std::int32_t m_subBucketHalfCount = 0;
    std::int64_t m_subBucketMask = 0;
    int m_leadingZeroCountBase = 0;
    std::int32_t m_bucketCount = 0;
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_totalCount = 0;
    std::int64_t m_minValue = INT64_MAX;
    std::int64_t m_maxValue = 0;
};

} // namespace perflab

// HDR histogram recording and queries with HdrHistogram's bucket layout (the encoding is in
// histogram_encoding.cpp).
#include "model/metrics/histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace perflab {

namespace {

int floorLog2(std::uint64_t v) noexcept {
    return 63 - __builtin_clzll(v);
}

// ceil(log2(v)) for v >= 2.
int ceilLog2(std::uint64_t v) noexcept {
    return 64 - __builtin_clzll(v - 1);
}

std::int64_t powerOfTen(int exponent) noexcept {
    std::int64_t result = 1;
    for (int i = 0; i < exponent; ++i)
        result *= 10;
    return result;
}

} // namespace

Histogram::Histogram(std::int64_t lowest, std::int64_t highest, int significantDigits)
    : m_lowest(lowest)
    , m_highest(highest)
    , m_significantDigits(significantDigits) {
    if (lowest < 1)
        throw std::invalid_argument("histogram: lowest trackable value must be >= 1, got " +
                                    std::to_string(lowest));
    if (significantDigits < 0 || significantDigits > 5)
        throw std::invalid_argument("histogram: significant digits must be 0..5, got " +
                                    std::to_string(significantDigits));
    if (highest < 2 * lowest)
        throw std::invalid_argument("histogram: highest trackable value " + std::to_string(highest) +
                                    " must be >= 2 * lowest (" + std::to_string(lowest) + ")");

    const auto singleUnitResolution = static_cast<std::uint64_t>(2 * powerOfTen(significantDigits));
    const int subBucketCountMagnitude = ceilLog2(singleUnitResolution);
    m_unitMagnitude = floorLog2(static_cast<std::uint64_t>(lowest));
    m_subBucketHalfCountMagnitude = std::max(subBucketCountMagnitude, 1) - 1;
    if (m_unitMagnitude + m_subBucketHalfCountMagnitude > 61)
        throw std::invalid_argument("histogram: lowest value and precision exceed 64-bit range");
    m_subBucketCount = std::int32_t{1} << (m_subBucketHalfCountMagnitude + 1);
    m_subBucketHalfCount = m_subBucketCount / 2;
    m_subBucketMask = (std::int64_t{m_subBucketCount} - 1) << m_unitMagnitude;
    m_leadingZeroCountBase = 64 - m_unitMagnitude - m_subBucketHalfCountMagnitude - 1;

    // Buckets needed so that the highest trackable value has its own slot (HdrHistogram's rule).
    std::int64_t smallestUntrackable = std::int64_t{m_subBucketCount} << m_unitMagnitude;
    m_bucketCount = 1;
    while (smallestUntrackable <= highest) {
        if (smallestUntrackable > std::numeric_limits<std::int64_t>::max() / 2) {
            ++m_bucketCount;
            break;
        }
        smallestUntrackable <<= 1;
        ++m_bucketCount;
    }
    m_counts.assign(
        static_cast<std::size_t>(m_bucketCount + 1) * static_cast<std::size_t>(m_subBucketHalfCount), 0);
}

std::size_t Histogram::indexOf(std::int64_t value) const noexcept {
    const int bucket =
        m_leadingZeroCountBase - __builtin_clzll(static_cast<std::uint64_t>(value | m_subBucketMask));
    const auto subBucket = static_cast<std::int32_t>(value >> (bucket + m_unitMagnitude));
    return static_cast<std::size_t>(((bucket + 1) << m_subBucketHalfCountMagnitude) + subBucket -
                                    m_subBucketHalfCount);
}

std::int64_t Histogram::valueAt(std::size_t index) const noexcept {
    const auto i = static_cast<std::int64_t>(index);
    std::int64_t bucket = (i >> m_subBucketHalfCountMagnitude) - 1;
    std::int64_t subBucket = (i & (m_subBucketHalfCount - 1)) + m_subBucketHalfCount;
    if (bucket < 0) {
        subBucket -= m_subBucketHalfCount;
        bucket = 0;
    }
    return subBucket << (bucket + m_unitMagnitude);
}

std::int64_t Histogram::rangeAt(std::size_t index) const noexcept {
    const std::int64_t bucket =
        std::max<std::int64_t>((static_cast<std::int64_t>(index) >> m_subBucketHalfCountMagnitude) - 1, 0);
    return std::int64_t{1} << (bucket + m_unitMagnitude);
}

void Histogram::record(std::int64_t value, std::uint64_t count) noexcept {
    if (count == 0) [[unlikely]]
        return; // a zero count must not move min/max
    value = std::clamp<std::int64_t>(value, 0, m_highest);
    m_counts[indexOf(value)] += count;
    m_totalCount += count;
    m_minValue = std::min(m_minValue, value);
    m_maxValue = std::max(m_maxValue, value);
}

void Histogram::recordCorrected(std::int64_t value, std::int64_t expectedInterval) noexcept {
    record(value);
    if (expectedInterval <= 0)
        return;
    // The missing samples value - k*interval form an arithmetic progression: add each slot's share of it
    // at once, so a one-hour stall at a 1 µs interval costs one step per slot, not 3.6e9 records.
    std::int64_t missing = std::max<std::int64_t>(value, 0) - expectedInterval;
    std::int64_t lowestFilled = m_minValue;
    while (missing >= expectedInterval) {
        const std::size_t index = indexOf(std::min(missing, m_highest));
        const std::int64_t floor = std::max(valueAt(index), expectedInterval);
        const std::int64_t samples = (missing - floor) / expectedInterval + 1;
        m_counts[index] += static_cast<std::uint64_t>(samples);
        m_totalCount += static_cast<std::uint64_t>(samples);
        missing -= samples * expectedInterval;
        lowestFilled = missing + expectedInterval;
    }
    m_minValue = std::min(m_minValue, lowestFilled);
}

bool Histogram::sameLayout(const Histogram& other) const noexcept {
    return m_lowest == other.m_lowest && m_highest == other.m_highest &&
           m_significantDigits == other.m_significantDigits;
}

void Histogram::merge(const Histogram& other) {
    if (!sameLayout(other))
        throw std::invalid_argument("histogram: cannot merge layout [" + std::to_string(other.m_lowest) +
                                    ", " + std::to_string(other.m_highest) + ", " +
                                    std::to_string(other.m_significantDigits) + " digits] into [" +
                                    std::to_string(m_lowest) + ", " + std::to_string(m_highest) + ", " +
                                    std::to_string(m_significantDigits) + " digits]");
    if (other.empty())
        return;
    const std::size_t last = indexOf(other.m_maxValue);
    for (std::size_t i = indexOf(other.m_minValue); i <= last; ++i)
        m_counts[i] += other.m_counts[i];
    m_totalCount += other.m_totalCount;
    m_minValue = std::min(m_minValue, other.m_minValue);
    m_maxValue = std::max(m_maxValue, other.m_maxValue);
}

void Histogram::reset() noexcept {
    if (!empty()) // only the slots between min and max can hold counts
        std::fill(m_counts.begin() + static_cast<std::ptrdiff_t>(indexOf(m_minValue)),
                  m_counts.begin() + static_cast<std::ptrdiff_t>(indexOf(m_maxValue) + 1), 0);
    m_totalCount = 0;
    m_minValue = INT64_MAX;
    m_maxValue = 0;
}

void Histogram::recomputeTotals() noexcept {
    m_totalCount = 0;
    m_minValue = INT64_MAX;
    m_maxValue = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        if (m_counts[i] == 0)
            continue;
        m_totalCount += m_counts[i];
        m_minValue = std::min(m_minValue, valueAt(i));
        m_maxValue = valueAt(i);
    }
}

std::int64_t Histogram::percentile(double p) const noexcept {
    if (empty())
        return 0;
    // Like HdrHistogram: step just below p so that 99.9 % of 1000 samples is rank 999, not 1000 by rounding.
    const double requested =
        std::isnan(p) ? 0.0
                      : std::clamp(std::nextafter(p, -std::numeric_limits<double>::infinity()), 0.0, 100.0);
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(requested / 100.0 * static_cast<double>(m_totalCount))));
    std::uint64_t seen = 0;
    const std::size_t last = indexOf(m_maxValue);
    for (std::size_t i = indexOf(m_minValue); i <= last; ++i) {
        seen += m_counts[i];
        if (seen >= rank)
            return p <= 0.0 ? valueAt(i) : highestAt(i);
    }
    return highestAt(last);
}

std::uint64_t Histogram::countAtOrBelow(std::int64_t value) const noexcept {
    if (empty() || value < m_minValue)
        return 0;
    if (value >= m_maxValue)
        return m_totalCount;
    std::uint64_t seen = 0;
    const std::size_t last = indexOf(value);
    for (std::size_t i = indexOf(m_minValue); i <= last; ++i)
        seen += m_counts[i];
    return seen;
}

double Histogram::mean() const noexcept {
    if (empty())
        return 0.0;
    // Each slot counts at its middle value, as HdrHistogram's getMean does.
    double total = 0.0;
    const std::size_t last = indexOf(m_maxValue);
    for (std::size_t i = indexOf(m_minValue); i <= last; ++i)
        if (m_counts[i] != 0)
            total += static_cast<double>(valueAt(i) + (rangeAt(i) >> 1)) * static_cast<double>(m_counts[i]);
    return total / static_cast<double>(m_totalCount);
}

std::int64_t Histogram::min() const noexcept {
    return empty() ? 0 : valueAt(indexOf(m_minValue));
}

std::int64_t Histogram::max() const noexcept {
    return empty() ? 0 : highestAt(indexOf(m_maxValue));
}

} // namespace perflab

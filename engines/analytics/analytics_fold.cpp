// The fold kernels, one instantiation per combination of figures, so the loops carry no tests of what
// to compute. Grouped folds scatter into dense arrays indexed by group key.
#include "engines/analytics/analytics_fold.h"

#include <array>

namespace perflab::engines::analytics {

namespace {

template <bool Sum, bool Min, bool Max>
void foldGroups(const double* __restrict values, const std::uint16_t* __restrict at,
                const std::uint32_t* __restrict groups, std::size_t n, FoldTarget target) {
    for (std::size_t i = 0; i < n; ++i) {
        const double v = values[at[i]];
        const std::uint32_t g = groups[i];
        if constexpr (Sum) {
            target.sums[g] += v;
        }
        if constexpr (Min) {
            target.mins[g] = v < target.mins[g] ? v : target.mins[g];
        }
        if constexpr (Max) {
            target.maxs[g] = v > target.maxs[g] ? v : target.maxs[g];
        }
    }
}

// Without groups the running figures stay in registers for the whole block.
template <bool Sum, bool Min, bool Max>
void foldSingle(const double* __restrict values, const std::uint16_t* __restrict at, const std::uint32_t*,
                std::size_t n, FoldTarget target) {
    double sum = Sum ? target.sums[0] : 0;
    double min = Min ? target.mins[0] : 0;
    double max = Max ? target.maxs[0] : 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = values[at[i]];
        sum += v;
        min = v < min ? v : min;
        max = v > max ? v : max;
    }
    if constexpr (Sum) {
        target.sums[0] = sum;
    }
    if constexpr (Min) {
        target.mins[0] = min;
    }
    if constexpr (Max) {
        target.maxs[0] = max;
    }
}

template <bool Sum, bool Min, bool Max> constexpr std::array<FoldKernel, 2> kernelsOf() {
    return {&foldSingle<Sum, Min, Max>, &foldGroups<Sum, Min, Max>};
}

// Indexed by sum * 4 + min * 2 + max, then by grouped.
constexpr std::array<std::array<FoldKernel, 2>, 8> kKernels{
    kernelsOf<false, false, false>(), kernelsOf<false, false, true>(), kernelsOf<false, true, false>(),
    kernelsOf<false, true, true>(),   kernelsOf<true, false, false>(), kernelsOf<true, false, true>(),
    kernelsOf<true, true, false>(),   kernelsOf<true, true, true>()};

} // namespace

FoldKernel foldKernel(bool sum, bool min, bool max, bool grouped) {
    return kKernels[(sum ? 4U : 0U) + (min ? 2U : 0U) + (max ? 1U : 0U)][grouped ? 1 : 0];
}

template <class T>
void groupKeys(const T* column, const std::uint16_t* rows, std::size_t n, std::int32_t keyBase,
               std::uint32_t* keys, std::uint64_t* laneCounts, std::size_t groups) noexcept {
    if (rows == nullptr) {
        for (std::size_t i = 0; i < n; ++i) {
            keys[i] = static_cast<std::uint32_t>(std::int32_t{column[i]} - keyBase);
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            keys[i] = static_cast<std::uint32_t>(std::int32_t{column[rows[i]]} - keyBase);
        }
    }
    std::array<std::uint64_t*, kCountLanes> lanes{};
    for (std::size_t l = 0; l < kCountLanes; ++l) {
        lanes[l] = laneCounts + l * groups;
    }
    std::size_t i = 0;
    for (; i + kCountLanes <= n; i += kCountLanes) {
        for (std::size_t l = 0; l < kCountLanes; ++l) {
            ++lanes[l][keys[i + l]];
        }
    }
    for (; i < n; ++i) {
        ++lanes[i % kCountLanes][keys[i]];
    }
}

template void groupKeys(const std::uint8_t*, const std::uint16_t*, std::size_t, std::int32_t, std::uint32_t*,
                        std::uint64_t*, std::size_t) noexcept;
template void groupKeys(const std::uint16_t*, const std::uint16_t*, std::size_t, std::int32_t, std::uint32_t*,
                        std::uint64_t*, std::size_t) noexcept;

void sumCountLanes(const std::uint64_t* laneCounts, std::size_t groups, std::uint64_t* counts) noexcept {
    for (std::size_t g = 0; g < groups; ++g) {
        std::uint64_t count = 0;
        for (std::size_t l = 0; l < kCountLanes; ++l) {
            count += laneCounts[l * groups + g];
        }
        counts[g] = count;
    }
}

void appendSelected(SampleValues& out, const double* values, const std::uint16_t* at, std::size_t n) {
    const std::size_t first = out.size();
    out.resize(first + n);
    double* __restrict to = out.data() + first;
    for (std::size_t i = 0; i < n; ++i) {
        to[i] = values[at[i]];
    }
}

} // namespace perflab::engines::analytics

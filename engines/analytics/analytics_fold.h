// Aggregation kernels of the optimized analytics variant: fold one block's selected values into dense
// per-group running sums, minimums and maximums (group keys are small integer ranges).
#pragma once

#include "engines/analytics/analytics_sample_pool.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace perflab::engines::analytics {

// One aggregate argument's per-group running figures ([group]); unused ones may be null.
struct FoldTarget {
    double* sums = nullptr;
    double* mins = nullptr;
    double* maxs = nullptr;
};

// values[at[i]] belongs to group groups[i] (to group 0 when `groups` is null), i < n. Sums add in row
// order, exactly as the baseline does, so both variants give the same bits.
using FoldKernel = void (*)(const double* values, const std::uint16_t* at, const std::uint32_t* groups,
                            std::size_t n, FoldTarget target);

// The kernel that updates only the figures asked for.
FoldKernel foldKernel(bool sum, bool min, bool max, bool grouped);

// Rows counted per group in kCountLanes interleaved tables: a run of rows of one group then makes no
// chain of increments each waiting for the last one's store. Lane l of group g is at [l * groups + g].
inline constexpr std::size_t kCountLanes = 4;

// keys[i] = column[rows[i]] - keyBase (column[i] when `rows` is null, for a fully selected block), and
// the count of group keys[i] in lane i % kCountLanes grows by one.
// Defined for the column store's integer widths, std::uint8_t and std::uint16_t.
template <class T>
void groupKeys(const T* column, const std::uint16_t* rows, std::size_t n, std::int32_t keyBase,
               std::uint32_t* keys, std::uint64_t* laneCounts, std::size_t groups) noexcept;

// counts[g] = the sum of group g's lanes.
void sumCountLanes(const std::uint64_t* laneCounts, std::size_t groups, std::uint64_t* counts) noexcept;

// Appends values[at[i]] for i < n.
void appendSelected(SampleValues& out, const double* values, const std::uint16_t* at, std::size_t n);

} // namespace perflab::engines::analytics

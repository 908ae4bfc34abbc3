// Aggregation kernels of the optimized analytics variant: fold one block's selected values into dense
// per-group running sums, minimums and maximums (group keys are small integer ranges).
#pragma once

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

// keys[i] = column[rows[i]] - keyBase, and counts[keys[i]] grows by one.
void groupKeys(const std::int32_t* column, const std::uint16_t* rows, std::size_t n, std::int32_t keyBase,
               std::uint32_t* keys, std::uint64_t* counts) noexcept;

// Appends values[at[i]] for i < n.
void appendSelected(std::vector<double>& out, const double* values, const std::uint16_t* at, std::size_t n);

} // namespace perflab::engines::analytics

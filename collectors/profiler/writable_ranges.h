// The process's readable-and-writable memory ranges (stacks among them), from /proc/self/maps: the signal
// handler bounds its frame-pointer walk by the range that holds the interrupted stack pointer.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace perflab::profiling {

struct MemoryRange {
    std::uint64_t low = 0;  // first byte
    std::uint64_t high = 0; // one past the last byte
};

// The rw ranges of a maps text, sorted. The main thread's [stack] grows down after the snapshot: its range
// starts at the end of the previous range instead of its current low end.
std::vector<MemoryRange> writableRanges(std::string_view mapsText);
std::vector<MemoryRange> writableRangesOfThisProcess();

// The end of the range holding `address` in sorted `ranges`, or 0. Async-signal-safe.
std::uint64_t rangeEndOf(std::span<const MemoryRange> ranges, std::uint64_t address) noexcept;

} // namespace perflab::profiling

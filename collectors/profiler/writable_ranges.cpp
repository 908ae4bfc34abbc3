// Parses /proc/self/maps lines: "low-high perms offset dev inode [path]".
#include "collectors/profiler/writable_ranges.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace perflab::profiling {

namespace {

std::uint64_t parseHex(std::string_view text) {
    std::uint64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value, 16);
    return value;
}

} // namespace

std::vector<MemoryRange> writableRanges(std::string_view mapsText) {
    std::vector<MemoryRange> ranges;
    while (!mapsText.empty()) {
        const auto end = mapsText.find('\n');
        const std::string_view line = mapsText.substr(0, end);
        mapsText = end == std::string_view::npos ? std::string_view{} : mapsText.substr(end + 1);
        const auto dash = line.find('-');
        const auto space = line.find(' ');
        if (dash == std::string_view::npos || space == std::string_view::npos || space < dash ||
            line.size() < space + 3)
            continue;
        if (line[space + 1] != 'r' || line[space + 2] != 'w')
            continue;
        MemoryRange range{.low = parseHex(line.substr(0, dash)),
                          .high = parseHex(line.substr(dash + 1, space - dash - 1))};
        if (line.ends_with("[stack]") && !ranges.empty() && ranges.back().high <= range.low)
            range.low = ranges.back().high;
        ranges.push_back(range);
    }
    return ranges;
}

std::vector<MemoryRange> writableRangesOfThisProcess() {
    std::ifstream maps("/proc/self/maps");
    if (!maps)
        throw std::runtime_error("cannot read /proc/self/maps");
    std::ostringstream text;
    text << maps.rdbuf();
    return writableRanges(text.str());
}

std::uint64_t rangeEndOf(std::span<const MemoryRange> ranges, std::uint64_t address) noexcept {
    std::size_t low = 0;
    std::size_t high = ranges.size();
    while (low < high) { // the first range whose high end is above the address
        const std::size_t middle = low + (high - low) / 2;
        if (ranges[middle].high <= address)
            low = middle + 1;
        else
            high = middle;
    }
    return low < ranges.size() && ranges[low].low <= address ? ranges[low].high : 0;
}

} // namespace perflab::profiling

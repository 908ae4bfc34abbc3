// The signal handler's stack bounds: writable ranges of /proc/self/maps, found by address.
#include "collectors/profiler/writable_ranges.h"

#include <catch2/catch.hpp>

using perflab::profiling::rangeEndOf;
using perflab::profiling::writableRanges;

TEST_CASE("writable ranges keep rw mappings and extend the main stack down to the previous range") {
    const auto ranges = writableRanges("1000-2000 r-xp 00000000 08:01 1 /bin/x\n"
                                       "2000-3000 rw-p 00001000 08:01 1 /bin/x\n"
                                       "5000-6000 ---p 00000000 00:00 0\n"
                                       "6000-9000 rw-p 00000000 00:00 0\n"
                                       "a000-c000 rw-p 00000000 00:00 0                          [stack]\n");
    REQUIRE(ranges.size() == 3);
    CHECK(rangeEndOf(ranges, 0x2800) == 0x3000);
    CHECK(rangeEndOf(ranges, 0x6000) == 0x9000);
    CHECK(rangeEndOf(ranges, 0x9800) == 0xc000); // below the stack's low end when sampled: it grows down
    CHECK(rangeEndOf(ranges, 0x1800) == 0);      // not writable
    CHECK(rangeEndOf(ranges, 0x5800) == 0);      // a guard page
    CHECK(rangeEndOf(ranges, 0xc000) == 0);
}

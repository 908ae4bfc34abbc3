// A zone's call site: a static record per PERFLAB_ZONE use, so the hot path carries one pointer.
#pragma once

#include <cstdint>

namespace perflab {

struct ZoneSite {
    const char* name; // "analytics.scan": engine first, then the phase
    const char* file;
    std::uint32_t line;
};

} // namespace perflab

// Zone: an RAII scope timer for the engines' phases (Tracy's idea). PERFLAB_ZONE("analytics.scan") makes a
// static call-site record and times the rest of the enclosing block into the calling thread's call tree and
// span ring. While no ZoneRecording is active a zone costs one relaxed load; while one is, two time-stamp
// reads and a few stores: no lock, no allocation, no virtual call. A zone must not span a co_await (its
// thread's stack of open zones would interleave with another coroutine's).
#pragma once

#include "collectors/zones/zone_site.h"
#include "collectors/zones/zone_thread.h"

#include <atomic>

namespace perflab {

namespace zone_detail {
extern constinit std::atomic<int> activeRecordings;
extern constinit thread_local ZoneThread* currentThread;
ZoneThread* attachThread(); // the calling thread's zones, made on its first zone
} // namespace zone_detail

class Zone {
public:
    explicit Zone(const ZoneSite& site) noexcept
        : m_thread(open(site)) {}
    Zone(const Zone&) = delete;
    Zone& operator=(const Zone&) = delete;
    ~Zone() {
        if (m_thread)
            m_thread->exit();
    }

private:
    static ZoneThread* open(const ZoneSite& site) noexcept {
        if (zone_detail::activeRecordings.load(std::memory_order_relaxed) == 0)
            return nullptr;
        ZoneThread* thread = zone_detail::currentThread;
        if (!thread)
            thread = zone_detail::attachThread();
        return thread && thread->enter(site) ? thread : nullptr;
    }

    ZoneThread* m_thread; // null: not recorded
};

} // namespace perflab

// A call-site record for a Zone made from a site chosen at run time (one per variant of a shared execute()).
#define PERFLAB_ZONE_SITE(name)                                                                              \
    ::perflab::ZoneSite {                                                                                    \
        name, __FILE__, __LINE__                                                                             \
    }
#define PERFLAB_ZONE_JOIN2(a, b) a##b
#define PERFLAB_ZONE_JOIN(a, b) PERFLAB_ZONE_JOIN2(a, b)
// Times the rest of the enclosing block as the zone `name` (a string literal, "engine.phase").
#define PERFLAB_ZONE(name)                                                                                   \
    static constexpr ::perflab::ZoneSite PERFLAB_ZONE_JOIN(perflabZoneSite, __LINE__){name, __FILE__,        \
                                                                                      __LINE__};             \
    const ::perflab::Zone PERFLAB_ZONE_JOIN(perflabZone,                                                     \
                                            __LINE__)(PERFLAB_ZONE_JOIN(perflabZoneSite, __LINE__))

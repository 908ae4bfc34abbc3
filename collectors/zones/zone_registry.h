// Every thread's zones, process-wide (like the profiler's signal state): threads attach on their first zone
// and hand their tree and recent spans over when they exit; collectors read them all.
#pragma once

#include "collectors/zones/zone_thread.h"
#include "collectors/zones/zone_tree.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace perflab {

class ZoneRegistry {
public:
    static ZoneRegistry& instance();

    // Zones are recorded while at least one recording is active, and their spans while one of those wants
    // them.
    void startRecording(bool spans);
    void stopRecording(bool spans);

    // Every thread's tree merged, exited threads included.
    ZoneTree tree() const;
    // The newest `limit` kept spans that ended at or after `sinceTicks`, ordered by their end.
    std::vector<ZoneSpan> spans(std::uint64_t sinceTicks, std::size_t limit) const;

    ZoneThread* attach();                  // the calling thread's first zone
    void retire(const ZoneThread* thread); // it exits: its tree and spans are kept, the rest freed

private:
    static constexpr std::size_t kRetiredSpans = 100'000;

    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<ZoneThread>> m_live;
    ZoneTree m_retired;
    std::deque<ZoneSpan> m_retiredSpans;
};

} // namespace perflab

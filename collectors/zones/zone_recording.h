// A span of time in which zones are recorded (a run): turns recording on for its lifetime, and gives the
// zones that finished since it began, as a call tree, per-engine figures and recent spans.
#pragma once

#include "collectors/zones/zone_clock.h"
#include "collectors/zones/zone_thread.h"
#include "collectors/zones/zone_tree.h"
#include "model/results/summary.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

namespace perflab {

class ZoneRecording {
public:
    // Whether the recording keeps the zones' spans for writeTrace (a few ns a zone) or only their tree.
    enum class Spans { Kept, Dropped };

    static constexpr std::size_t kTraceSpans = 100'000; // a trace holds at most the newest this many
    static constexpr std::size_t kZonesPerEngine = 20;  // the summary's top zones per engine

    explicit ZoneRecording(Spans spans = Spans::Kept);
    ZoneRecording(const ZoneRecording&) = delete;
    ZoneRecording& operator=(const ZoneRecording&) = delete;
    ~ZoneRecording();

    // The zones that finished since the recording began, merged over threads. Cheap enough for once a
    // second: the threads go on while their counters are read.
    ZoneTree tree() const;
    // tree() as the summary's figures: per outermost zone, its zones by inclusive time.
    std::vector<EngineZones> engineZones(std::size_t perEngine = kZonesPerEngine) const;
    // The newest kept spans (at most `limit`) as Chrome trace JSON, times from the recording's start; none
    // when this recording dropped them (unless another one kept them meanwhile).
    void writeTrace(std::ostream& out, std::size_t limit = kTraceSpans) const;

private:
    bool m_spans;
    std::uint64_t m_startTicks;
    ZoneTree m_before;
};

// A tree's figures per outermost zone: the zones under it summed by name, largest inclusive time first.
std::vector<EngineZones> engineZones(const ZoneTree& tree, const zone_clock::Calibration& clock,
                                     std::size_t perEngine);

} // namespace perflab

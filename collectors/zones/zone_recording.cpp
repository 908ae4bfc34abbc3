// Zone recordings: the difference of the registry's trees since the start, and the spans since then.
#include "collectors/zones/zone_recording.h"

#include "collectors/zones/chrome_trace.h"
#include "collectors/zones/zone_registry.h"

#include <algorithm>
#include <map>
#include <string>

namespace perflab {

ZoneRecording::ZoneRecording(Spans spans)
    : m_spans(spans == Spans::Kept)
    , m_startTicks(zone_clock::now())
    , m_before(ZoneRegistry::instance().tree()) {
    ZoneRegistry::instance().startRecording(m_spans);
}

ZoneRecording::~ZoneRecording() {
    ZoneRegistry::instance().stopRecording(m_spans);
}

ZoneTree ZoneRecording::tree() const {
    return ZoneRegistry::instance().tree().since(m_before);
}

std::vector<EngineZones> ZoneRecording::engineZones(std::size_t perEngine) const {
    return perflab::engineZones(tree(), zone_clock::calibrate(), perEngine);
}

void ZoneRecording::writeTrace(std::ostream& out, std::size_t limit) const {
    const zone_clock::Calibration clock = zone_clock::calibrate();
    writeChromeTrace(out, ZoneRegistry::instance().spans(m_startTicks, limit), clock,
                     clock.steadyNanos(m_startTicks));
}

std::vector<EngineZones> engineZones(const ZoneTree& tree, const zone_clock::Calibration& clock,
                                     std::size_t perEngine) {
    std::vector<std::uint32_t> outermost(tree.nodes().size(), ZoneTree::kRoot);
    std::map<std::string, std::map<std::string, ZoneFigures>> byEngine; // engine -> zone name -> figures
    for (std::uint32_t i = 1; i < tree.nodes().size(); ++i) {
        const ZoneTree::Node& node = tree.node(i);
        outermost[i] = node.parent == ZoneTree::kRoot ? i : outermost[node.parent];
        ZoneFigures& figures = byEngine[tree.node(outermost[i]).site->name][node.site->name];
        figures.name = node.site->name;
        figures.count += node.count;
        figures.inclusiveMs += clock.nanos(node.inclusiveTicks) / 1e6;
        figures.selfMs += clock.nanos(node.selfTicks) / 1e6;
    }
    std::vector<EngineZones> engines;
    for (auto& [engine, zones] : byEngine) {
        EngineZones figures{.engine = engine, .zones = {}};
        for (auto& [name, zone] : zones)
            figures.zones.push_back(std::move(zone));
        std::stable_sort(
            figures.zones.begin(), figures.zones.end(),
            [](const ZoneFigures& a, const ZoneFigures& b) { return a.inclusiveMs > b.inclusiveMs; });
        if (figures.zones.size() > perEngine)
            figures.zones.resize(perEngine);
        engines.push_back(std::move(figures));
    }
    return engines;
}

} // namespace perflab

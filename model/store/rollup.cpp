// Folding seconds into 10 s, minute and hour buckets.
#include "model/store/rollup.h"

#include <algorithm>

namespace perflab {

std::int64_t tierStart(std::int64_t ms, std::int64_t tierMs) noexcept {
    return ms - ((ms % tierMs) + tierMs) % tierMs;
}

void Rollup::addRow(const IntervalRow& row) {
    const bool first = seconds == 0;
    ++seconds;
    endMs = std::max(endMs, row.startMs + row.durationMs);
    counts += row.counts;
    for (std::size_t f = 0; f < kChartFigureCount; ++f) {
        const double value = figureOf(static_cast<ChartFigure>(f), row);
        figures[f].extend({value, value, value, value}, first);
    }
}

void Rollup::addHistograms(const Histogram& latencyPart, const Histogram& serviceTimePart) {
    if (!holdsHistograms())
        return;
    if (!latency) {
        latency.emplace();
        serviceTime.emplace();
    }
    latency->merge(latencyPart);
    serviceTime->merge(serviceTimePart);
}

RollupBuilder::RollupBuilder(std::vector<std::int64_t> tiersMs, Emit emit, Seed seed)
    : m_tiers(std::move(tiersMs))
    , m_open(m_tiers.size())
    , m_emit(std::move(emit))
    , m_seed(std::move(seed)) {}

Rollup& RollupBuilder::bucketFor(std::size_t tier, std::int64_t ms) {
    const std::int64_t start = tierStart(ms, m_tiers[tier]);
    std::optional<Rollup>& open = m_open[tier];
    if (open && open->startMs == start)
        return *open;
    if (open)
        m_emit(*std::exchange(open, std::nullopt));
    if (m_seed)
        open = m_seed(m_tiers[tier], start);
    if (!open)
        open.emplace(Rollup{.tierMs = m_tiers[tier], .startMs = start});
    return *open;
}

void RollupBuilder::addRow(const IntervalRow& row) {
    for (std::size_t tier = 0; tier < m_tiers.size(); ++tier)
        bucketFor(tier, row.startMs).addRow(row);
}

void RollupBuilder::addHistograms(std::int64_t startMs, const Histogram& latency,
                                  const Histogram& serviceTime) {
    for (std::size_t tier = 0; tier < m_tiers.size(); ++tier)
        bucketFor(tier, startMs).addHistograms(latency, serviceTime);
}

std::vector<const Rollup*> RollupBuilder::openBuckets() const {
    std::vector<const Rollup*> open;
    for (const auto& bucket : m_open)
        if (bucket)
            open.push_back(&*bucket);
    return open;
}

void RollupBuilder::close() {
    for (auto& bucket : m_open)
        if (bucket)
            m_emit(*std::exchange(bucket, std::nullopt));
}

} // namespace perflab

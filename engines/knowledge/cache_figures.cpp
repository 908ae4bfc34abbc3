// Counting into atomic buckets and reading them out as figures. A request recorded while the figures are
// taken may land in either run's figures, never in both or in neither.
#include "engines/knowledge/cache_figures.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

namespace perflab::engines::knowledge {

std::size_t CacheFigures::bucketOf(std::uint64_t ns) noexcept {
    if (ns < 16) {
        return static_cast<std::size_t>(ns);
    }
    const auto exponent = static_cast<std::size_t>(std::bit_width(ns) - 1); // >= 4
    const auto sub = static_cast<std::size_t>((ns >> (exponent - 3)) & 7U);
    return 16 + (exponent - 4) * 8 + sub;
}

std::uint64_t CacheFigures::upperBoundOf(std::size_t bucket) noexcept {
    if (bucket < 16) {
        return bucket;
    }
    const std::size_t exponent = (bucket - 16) / 8 + 4;
    const std::uint64_t sub = (bucket - 16) % 8;
    return ((8 + sub + 1) << (exponent - 3)) - 1;
}

void CacheFigures::record(bool hit, std::chrono::nanoseconds latency) noexcept {
    Latencies& latencies = hit ? m_hits : m_misses;
    const auto ns = static_cast<std::uint64_t>(std::max<std::int64_t>(latency.count(), 0));
    latencies.buckets[std::min(bucketOf(ns), kBuckets - 1)].fetch_add(1, std::memory_order_relaxed);
    latencies.totalNs.fetch_add(ns, std::memory_order_relaxed);
}

CacheFigures::Taken CacheFigures::take(Latencies& latencies) {
    std::array<std::uint64_t, kBuckets> counts{};
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        count += counts[i] = latencies.buckets[i].exchange(0, std::memory_order_relaxed);
    }
    const std::uint64_t totalNs = latencies.totalNs.exchange(0, std::memory_order_relaxed);
    Taken taken{.count = count};
    if (count == 0) {
        return taken;
    }
    taken.meanMs = static_cast<double>(totalNs) / static_cast<double>(count) / 1e6;
    // Nearest rank: the smallest latency that at least 95% of the requests did not exceed.
    const auto rank = static_cast<std::uint64_t>(std::ceil(0.95 * static_cast<double>(count)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        seen += counts[i];
        if (seen >= rank) {
            taken.p95Ms = static_cast<double>(upperBoundOf(i)) / 1e6;
            break;
        }
    }
    return taken;
}

std::vector<EngineFigure> CacheFigures::take(std::string_view cache) {
    const Taken hits = take(m_hits);
    const Taken misses = take(m_misses);
    const std::uint64_t lookups = hits.count + misses.count;
    if (lookups == 0) {
        return {};
    }
    const std::string prefix = "result cache (" + std::string(cache) + ") ";
    std::vector<EngineFigure> figures{
        {prefix + "hit rate", static_cast<double>(hits.count) / static_cast<double>(lookups), "ratio"},
        {prefix + "hits", static_cast<double>(hits.count), "count"},
        {prefix + "misses", static_cast<double>(misses.count), "count"}};
    for (const auto& [what, taken] : {std::pair{"hit", hits}, std::pair{"miss", misses}}) {
        if (taken.count > 0) {
            figures.push_back({prefix + what + " latency mean", taken.meanMs, "ms"});
            figures.push_back({prefix + what + " latency p95", taken.p95Ms, "ms"});
        }
    }
    return figures;
}

} // namespace perflab::engines::knowledge

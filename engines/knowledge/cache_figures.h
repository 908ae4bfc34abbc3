// What a result cache did for the requests that looked in it: hits, misses and the latency of each,
// recorded from many engine threads at once and taken as the engine's figures for a run.
#pragma once

#include "engines/engine.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

namespace perflab::engines::knowledge {

class CacheFigures {
public:
    // Lock-free and allocation-free: called once per cached request.
    void record(bool hit, std::chrono::nanoseconds latency) noexcept;
    // The figures since the last call, which starts them again, named after the cache ("lru", "redis"):
    // hit rate, hits, misses, and the mean and p95 latency (ms) of hits and of misses that happened.
    // Nothing when no request looked in the cache.
    std::vector<EngineFigure> take(std::string_view cache);

private:
    // Log-linear buckets over nanoseconds: exact below 16 ns, then 8 per doubling, so a percentile read
    // from them is at most 12.5% above the true one.
    static constexpr std::size_t kBuckets = 16 + 60 * 8;

    struct Latencies {
        std::atomic<std::uint64_t> totalNs{0};
        std::array<std::atomic<std::uint64_t>, kBuckets> buckets{};
    };
    struct Taken {
        std::uint64_t count = 0;
        double meanMs = 0;
        double p95Ms = 0;
    };

    static std::size_t bucketOf(std::uint64_t ns) noexcept;
    static std::uint64_t upperBoundOf(std::size_t bucket) noexcept;
    static Taken take(Latencies& latencies);

    Latencies m_hits;
    Latencies m_misses;
};

} // namespace perflab::engines::knowledge

// Nanoseconds per zone (enter + exit, recording on) against a bare pair of steady_clock::now() calls in the
// same process, the clocks a zone could use, and the throughput the hosted engines lose to their zones
// (recording on against off, alternating). Medians of rounds; the ratio against the peer is printed last.
#include "bench/bench_timing.h"
#include "collectors/zone.h"
#include "collectors/zone_recording.h"
#include "engines/engine.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace {

using perflab::bench::Clock;
using perflab::bench::median;

volatile std::uint64_t g_sink; // keeps the peers' clock reads from being optimized away

double threadCpuNanos() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
}

// In the thread's processor time, which other processes on a busy machine do not inflate.
template <typename Body> double nanosPerCall(int calls, Body body) {
    const double start = threadCpuNanos();
    for (int i = 0; i < calls; ++i)
        body();
    return (threadCpuNanos() - start) / calls;
}

void zone() {
    PERFLAB_ZONE("bench.zone");
}

std::uint64_t steadyPair() {
    const auto begin = Clock::now();
    const auto end = Clock::now();
    return static_cast<std::uint64_t>((end - begin).count());
}

std::uint64_t clockGettimePair() {
    timespec begin{};
    timespec end{};
    clock_gettime(CLOCK_MONOTONIC, &begin);
    clock_gettime(CLOCK_MONOTONIC, &end);
    return static_cast<std::uint64_t>(end.tv_nsec - begin.tv_nsec);
}

std::uint64_t ticksPair() {
    const std::uint64_t begin = perflab::zone_clock::now();
    return perflab::zone_clock::now() - begin;
}

struct ZoneCosts {
    double zone, zoneOff, steady, clockGettime, ticks;
};

ZoneCosts measureZones(int rounds, int calls) {
    std::vector<double> zone, zoneOff, steady, clockGettime, ticks;
    for (int round = 0; round <= rounds; ++round) { // round 0 warms up and is dropped
        double on = 0;
        {
            const perflab::ZoneRecording recording;
            on = nanosPerCall(calls, [] { ::zone(); });
        }
        const double off = nanosPerCall(calls, [] { ::zone(); });
        const double pair = nanosPerCall(calls, [] { g_sink = g_sink + steadyPair(); });
        const double gettime = nanosPerCall(calls, [] { g_sink = g_sink + clockGettimePair(); });
        const double tick = nanosPerCall(calls, [] { g_sink = g_sink + ticksPair(); });
        if (round == 0)
            continue;
        zone.push_back(on);
        zoneOff.push_back(off);
        steady.push_back(pair);
        clockGettime.push_back(gettime);
        ticks.push_back(tick);
    }
    return {median(zone), median(zoneOff), median(steady), median(clockGettime), median(ticks)};
}

// Requests per second of `engine` over `seconds`, and the zones recorded per request when `recording`.
double requestsPerSecond(perflab::engines::Engine& engine, const std::string& request, double seconds) {
    const auto start = Clock::now();
    const auto until =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::uint64_t requests = 0;
    while (Clock::now() < until) {
        if (engine.execute(request).status != 200) {
            std::fprintf(stderr, "zone_bench: %s.%s failed its sample request\n",
                         std::string(engine.name()).c_str(), std::string(engine.variant()).c_str());
            std::exit(1);
        }
        ++requests;
    }
    return static_cast<double>(requests) / std::chrono::duration<double>(Clock::now() - start).count();
}

std::uint64_t zoneCount(const perflab::ZoneTree& tree) {
    std::uint64_t count = 0;
    for (const auto& node : tree.nodes())
        count += node.count;
    return count;
}

// Alternates recording on and off; returns the median throughput loss in percent.
double engineCost(perflab::engines::Engine& engine, int pairs, double seconds) {
    const std::string request = engine.sampleRequest();
    requestsPerSecond(engine, request, seconds); // warm-up: caches, plans, pools
    std::vector<double> on, off, loss, zonesPerRequest;
    for (int pair = 0; pair < pairs; ++pair) {
        double withZones = 0;
        double without = 0;
        const auto recorded = [&] {
            const perflab::ZoneRecording recording;
            withZones = requestsPerSecond(engine, request, seconds);
            zonesPerRequest.push_back(static_cast<double>(zoneCount(recording.tree())) /
                                      (withZones * seconds));
        };
        if (pair % 2 == 0) {
            recorded();
            without = requestsPerSecond(engine, request, seconds);
        } else {
            without = requestsPerSecond(engine, request, seconds);
            recorded();
        }
        on.push_back(withZones);
        off.push_back(without);
        loss.push_back(100.0 * (1.0 - withZones / without));
    }
    std::printf("engine %s.%s: %.0f req/s with zones, %.0f without (%.1f zones per request): "
                "throughput loss %.2f %% (median of %d alternating pairs of %.1f s)\n",
                std::string(engine.name()).c_str(), std::string(engine.variant()).c_str(), median(on),
                median(off), median(zonesPerRequest), median(loss), pairs, seconds);
    std::fflush(stdout);
    return median(loss);
}

} // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 15;
    const int pairs = argc > 2 ? std::atoi(argv[2]) : 5;
    const double seconds = argc > 3 ? std::atof(argv[3]) : 0.5;
    constexpr int kCalls = 2'000'000;

    perflab::zone_clock::anchor();
    if (pairs > 0) {
        perflab::engines::EngineRegistry engines;
        for (const std::string& name : perflab::engines::engineNames())
            for (const std::string& variant : perflab::engines::variantNames())
                engineCost(engines.get(name, variant), pairs, seconds);
    }
    const ZoneCosts costs = measureZones(rounds, kCalls);
    std::printf(
        "clocks: a pair of time-stamp-counter reads %.1f ns, of clock_gettime(CLOCK_MONOTONIC) %.1f ns, "
        "of steady_clock::now() %.1f ns\n",
        costs.ticks, costs.clockGettime, costs.steady);
    std::printf("zone with no recording active: %.1f ns\n", costs.zoneOff);
    std::printf(
        "zone: %.1f ns per zone enter+exit (bar: at most 30 ns), a bare steady_clock::now() pair %.1f ns: "
        "zone/pair = %.2f (thread CPU time, median of %d rounds of %d)\n",
        costs.zone, costs.steady, costs.zone / costs.steady, rounds, kCalls);
}

// Nanoseconds per zone (enter + exit, recording on) against a bare pair of steady_clock::now() calls in the
// same process, the clocks a zone could use, and the throughput the hosted engines lose to their zones
// (recording on against off, alternating). Medians of rounds; the ratio against the peer is printed last.
#include "bench/bench_timing.h"
#include "collectors/zones/zone.h"
#include "collectors/zones/zone_recording.h"
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
using perflab::bench::nanosPerCall;
using perflab::bench::threadCpuNanos;

volatile std::uint64_t g_sink; // keeps the peers' clock reads from being optimized away

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
    double zone, zoneTraced, zoneOff, steady, clockGettime, ticks;
};

// ns per zone while a recording of that kind is active.
double recordedZone(int calls, perflab::ZoneRecording::Spans spans) {
    const perflab::ZoneRecording recording(spans);
    return nanosPerCall(calls, [] { ::zone(); });
}

ZoneCosts measureZones(int rounds, int calls) {
    std::vector<double> zone, zoneTraced, zoneOff, steady, clockGettime, ticks;
    for (int round = 0; round <= rounds; ++round) { // round 0 warms up and is dropped
        const double on = recordedZone(calls, perflab::ZoneRecording::Spans::Dropped);
        const double traced = recordedZone(calls, perflab::ZoneRecording::Spans::Kept);
        const double off = nanosPerCall(calls, [] { ::zone(); });
        const double pair = nanosPerCall(calls, [] { g_sink = g_sink + steadyPair(); });
        const double gettime = nanosPerCall(calls, [] { g_sink = g_sink + clockGettimePair(); });
        const double tick = nanosPerCall(calls, [] { g_sink = g_sink + ticksPair(); });
        if (round == 0)
            continue;
        zone.push_back(on);
        zoneTraced.push_back(traced);
        zoneOff.push_back(off);
        steady.push_back(pair);
        clockGettime.push_back(gettime);
        ticks.push_back(tick);
    }
    return {median(zone),   median(zoneTraced),   median(zoneOff),
            median(steady), median(clockGettime), median(ticks)};
}

// Requests for `seconds` of wall time, and the calling thread's processor time per request (which other
// processes on a busy machine do not inflate).
struct EngineRun {
    std::uint64_t requests = 0;
    double cpuMicrosPerRequest = 0;
};

EngineRun runEngine(perflab::engines::Engine& engine, const std::string& request, double seconds) {
    const auto until =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    const double cpuStart = threadCpuNanos();
    EngineRun run;
    while (run.requests == 0 || Clock::now() < until) {
        if (engine.execute(request).status != 200) {
            std::fprintf(stderr, "zone_bench: %s.%s failed its sample request\n",
                         std::string(engine.name()).c_str(), std::string(engine.variant()).c_str());
            std::exit(1);
        }
        ++run.requests;
    }
    run.cpuMicrosPerRequest = (threadCpuNanos() - cpuStart) / 1e3 / static_cast<double>(run.requests);
    return run;
}

std::uint64_t zoneCount(const perflab::ZoneTree& tree) {
    std::uint64_t count = 0;
    for (const auto& node : tree.nodes())
        count += node.count;
    return count;
}

// Alternates recording on and off: the measured cost of the zones in percent of a request's processor time,
// beside what the zones per request at `nanosPerZone` each would cost.
void engineCost(perflab::engines::Engine& engine, int pairs, double seconds, double nanosPerZone) {
    const std::string request = engine.sampleRequest();
    runEngine(engine, request, seconds); // warm-up: caches, plans, pools
    std::vector<double> on, off, cost, zonesPerRequest;
    for (int pair = 0; pair < pairs; ++pair) {
        EngineRun withZones;
        EngineRun without;
        const auto recorded = [&] {
            const perflab::ZoneRecording recording(perflab::ZoneRecording::Spans::Dropped);
            withZones = runEngine(engine, request, seconds);
            zonesPerRequest.push_back(static_cast<double>(zoneCount(recording.tree())) /
                                      static_cast<double>(withZones.requests));
        };
        if (pair % 2 == 0) {
            recorded();
            without = runEngine(engine, request, seconds);
        } else {
            without = runEngine(engine, request, seconds);
            recorded();
        }
        on.push_back(withZones.cpuMicrosPerRequest);
        off.push_back(without.cpuMicrosPerRequest);
        cost.push_back(100.0 * (withZones.cpuMicrosPerRequest / without.cpuMicrosPerRequest - 1.0));
    }
    const double expected = 100.0 * median(zonesPerRequest) * nanosPerZone / 1e3 / median(off);
    std::printf(
        "engine %s.%s: %.1f us of processor time per request with zones, %.1f without: zones cost "
        "%.2f %% measured (median of %d alternating pairs of %.1f s), %.2f %% expected from %.1f zones "
        "per request\n",
        std::string(engine.name()).c_str(), std::string(engine.variant()).c_str(), median(on), median(off),
        median(cost), pairs, seconds, expected, median(zonesPerRequest));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 15;
    const int pairs = argc > 2 ? std::atoi(argv[2]) : 5;
    const double seconds = argc > 3 ? std::atof(argv[3]) : 0.5;
    constexpr int kCalls = 2'000'000;
    constexpr double kZoneBarNs = 30;

    perflab::zone_clock::anchor();
    const ZoneCosts costs = measureZones(rounds, kCalls);
    if (pairs > 0) {
        perflab::engines::EngineRegistry engines;
        for (const std::string& name : perflab::engines::engineNames())
            for (const std::string& variant : perflab::engines::variantNames())
                engineCost(engines.get(name, variant), pairs, seconds, costs.zone);
    }
    std::printf(
        "clocks: a pair of time-stamp-counter reads %.1f ns, of clock_gettime(CLOCK_MONOTONIC) %.1f ns, "
        "of steady_clock::now() %.1f ns\n",
        costs.ticks, costs.clockGettime, costs.steady);
    std::printf("zone with no recording active: %.1f ns; with its span kept for a trace (--trace): %.1f ns\n",
                costs.zoneOff, costs.zoneTraced);
    std::printf("zone: %.1f ns per zone enter+exit into the call tree (bar: at most %.0f ns), a bare "
                "steady_clock::now() "
                "pair %.1f ns: zone/pair = %.2f (thread CPU time, median of %d rounds of %d)\n",
                costs.zone, kZoneBarNs, costs.steady, costs.zone / costs.steady, rounds, kCalls);
    if (costs.zone > kZoneBarNs) {
        std::printf("MISSED: a zone costs %.1f ns, over the bar of %.0f ns\n", costs.zone, kZoneBarNs);
        return 1;
    }
    return 0;
}

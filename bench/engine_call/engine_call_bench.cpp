// What timing in-process engine calls costs a request (the target's CPU share for `via: call`): the
// wrapper the load workers run around engine->execute (two time-stamp-counter reads and a relaxed add to
// the worker's slot) against a bare call, in nanoseconds of thread CPU time, and that cost as a share of
// each hosted engine's request. Medians of rounds; the share for the cheapest request is printed last.
#include "bench/bench_timing.h"
#include "collectors/latency_recorder.h"
#include "collectors/zones/zone_clock.h"
#include "engines/engine.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <string>
#include <vector>

namespace {

using perflab::bench::Clock;
using perflab::bench::median;
using perflab::bench::nanosPerCall;
using perflab::bench::threadCpuNanos;

volatile std::uint64_t g_sink; // keeps the bare body from being optimized away

// The same steps as VirtualUser::callEngine and Executor::record around the engine's execute.
template <typename Call> void timed(perflab::LatencyRecorder::Slot& slot, Call call) {
    const std::uint64_t start = perflab::zone_clock::now();
    call();
    slot.addEngineTicks(perflab::zone_clock::now() - start);
}

double timingNanos(int rounds, int calls) {
    perflab::LatencyRecorder recorder(1);
    perflab::LatencyRecorder::Slot& slot = recorder.slot(0);
    std::vector<double> added;
    for (int round = 0; round <= rounds; ++round) { // round 0 warms up and is dropped
        const double bare = nanosPerCall(calls, [] { g_sink = g_sink + 1; });
        const double withTiming = nanosPerCall(calls, [&] { timed(slot, [] { g_sink = g_sink + 1; }); });
        if (round > 0)
            added.push_back(withTiming - bare);
    }
    g_sink = g_sink + recorder.engineTicks();
    return median(added);
}

// Processor time per request of the engine's sample request, over `seconds`.
double requestMicros(perflab::engines::Engine& engine, const std::string& request, double seconds) {
    const auto until =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    const double start = threadCpuNanos();
    std::uint64_t requests = 0;
    while (requests == 0 || Clock::now() < until) {
        if (engine.execute(request).status != 200) {
            std::fprintf(stderr, "engine_call_bench: %s.%s failed its sample request\n",
                         std::string(engine.name()).c_str(), std::string(engine.variant()).c_str());
            std::exit(1);
        }
        ++requests;
    }
    return (threadCpuNanos() - start) / 1e3 / static_cast<double>(requests);
}

} // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 15;
    const double seconds = argc > 2 ? std::atof(argv[2]) : 0.5;
    constexpr int kCalls = 5'000'000;
    constexpr double kBarPercent = 1.0;

    const double nanos = timingNanos(rounds, kCalls);
    std::printf(
        "timing an engine call: %.1f ns added per call (thread CPU time, median of %d rounds of %d)\n", nanos,
        rounds, kCalls);
    perflab::engines::EngineRegistry engines;
    double cheapest = std::numeric_limits<double>::infinity();
    for (const std::string& name : perflab::engines::engineNames())
        for (const std::string& variant : perflab::engines::variantNames()) {
            perflab::engines::Engine& engine = engines.get(name, variant);
            const std::string request = engine.sampleRequest();
            requestMicros(engine, request, seconds); // warm-up: caches, plans, pools
            const double micros = requestMicros(engine, request, seconds);
            cheapest = std::min(cheapest, micros);
            std::printf("engine %s.%s: %.2f us of processor time per request: timing adds %.3f %%\n",
                        name.c_str(), variant.c_str(), micros, 100.0 * nanos / 1e3 / micros);
            std::fflush(stdout);
        }
    std::printf(
        "engine call timing: %.1f ns of the cheapest request's %.2f us = %.3f %% (bar: at most %.0f %%)\n",
        nanos, cheapest, 100.0 * nanos / 1e3 / cheapest, kBarPercent);
    return 100.0 * nanos / 1e3 / cheapest <= kBarPercent ? 0 : 1;
}

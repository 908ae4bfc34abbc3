// bench/profiler: what the sampling profiler at 999 Hz costs a CPU-bound load of engine calls. Worker
// threads (one per core) call a hosted engine in a loop for the whole program; runs with and without the
// profiler alternate (ABBA within each pair, so a drifting machine favors neither), and each run counts the
// calls per second of wall time and per second of the process's CPU time. The bar is on the latter: on a
// shared machine the wall figure mostly measures the neighbors, while every cycle the profiler takes (its
// drain thread, the kernel's or the signal handler's stack walks, the cache it disturbs) lowers the calls
// the process completes per CPU second.
#include "bench/bench_timing.h"
#include "collectors/profiler/profiler.h"
#include "engines/engine.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace perflab;
using namespace perflab::bench;

namespace {

constexpr double kMaxLoss = 0.03;

double processCpuSeconds() {
    timespec now{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct alignas(64) CallCounter {
    std::atomic<std::uint64_t> calls{0};
};

// Calls the engine on every core until destroyed.
class EngineLoad {
public:
    EngineLoad(engines::Engine& engine, unsigned threads)
        : m_counters(threads) {
        const std::string request = engine.sampleRequest();
        for (unsigned i = 0; i < threads; ++i)
            m_threads.emplace_back([this, &engine, request, i] {
                while (!m_stop.load(std::memory_order_relaxed)) {
                    engine.execute(request);
                    m_counters[i].calls.fetch_add(1, std::memory_order_relaxed);
                }
            });
    }
    ~EngineLoad() {
        m_stop = true;
        for (auto& thread : m_threads)
            thread.join();
    }
    std::uint64_t calls() const {
        std::uint64_t total = 0;
        for (const auto& counter : m_counters)
            total += counter.calls.load(std::memory_order_relaxed);
        return total;
    }

private:
    std::atomic<bool> m_stop{false};
    std::vector<CallCounter> m_counters;
    std::vector<std::thread> m_threads;
};

struct Throughput {
    double perWallSecond = 0;
    double perCpuSecond = 0;
};

// One run: `seconds` of the load, with the profiler when `mechanism` is set. Each run warms up for 1 s of
// the process's CPU time first: the profiler has attached every worker and loaded the symbol tables it
// needs (a cost paid once per run, not per second), and a run without it gets the same warm-up.
Throughput measure(const EngineLoad& load, double seconds, const ProfilerMechanism* mechanism,
                   std::uint64_t& samples) {
    std::unique_ptr<Profiler> profiler;
    if (mechanism)
        profiler = std::make_unique<Profiler>(
            ProfilerOptions{.hz = 999, .mechanism = *mechanism, .engines = engines::engineNames()});
    const double warmedUp = processCpuSeconds() + 1.0;
    while (processCpuSeconds() < warmedUp)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (profiler)
        profiler->takeSlice(); // the warm-up's samples
    const std::uint64_t calls = load.calls();
    const double cpu = processCpuSeconds();
    const auto start = Clock::now();
    // A run takes a slice every second, and taking it is part of the profiler's cost: the measured span does
    // the same, and its CPU time is read after its last slice.
    for (double elapsed = 0; elapsed < seconds;) {
        const double step = std::min(1.0, seconds - elapsed);
        std::this_thread::sleep_for(std::chrono::duration<double>(step));
        elapsed += step;
        if (profiler)
            samples += profiler->takeSlice().totalSamples();
    }
    const auto done = static_cast<double>(load.calls() - calls);
    const double cpuSeconds = processCpuSeconds() - cpu;
    const double wallSeconds = millisSince(start) / 1000;
    if (profiler)
        profiler->stop();
    return {.perWallSecond = done / wallSeconds, .perCpuSecond = done / cpuSeconds};
}

struct Series {
    std::vector<double> without, with, wallWithout, wallWith, ratio, wallRatio;
};

} // namespace

int main(int argc, char** argv) {
    const int pairs = argc > 1 ? std::atoi(argv[1]) : 5;
    const double seconds = argc > 2 ? std::atof(argv[2]) : 3;
    const std::string engineName = argc > 3 ? argv[3] : "analytics";
    if (pairs < 1 || !(seconds > 0)) {
        std::fprintf(stderr, "usage: profiler_bench [PAIRS >= 1] [SECONDS > 0] [ENGINE]\n");
        return 2;
    }
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    engines::EngineRegistry registry({.rows = 200'000,
                                      .facts = 200'000,
                                      .resultCache = "off",
                                      .seed = 42,
                                      .leakBytesPerRequest = 0,
                                      .events = nullptr,
                                      .upstream = nullptr});
    engines::Engine& engine = registry.get(engineName, "optimized");
    EngineLoad load(engine, threads);

    const struct {
        ProfilerMechanism option;
        const char* name;
    } mechanisms[] = {{ProfilerMechanism::PerfEvent, "perf_event"},
                      {ProfilerMechanism::SignalTimer, "signal-timer"}};
    std::string verdicts;
    bool missed = false;
    for (const auto& mechanism : mechanisms) {
        Series series;
        std::uint64_t samples = 0;
        for (int pair = 0; pair < pairs; ++pair) {
            Throughput without, with;
            if (pair % 2 == 0) {
                without = measure(load, seconds, nullptr, samples);
                with = measure(load, seconds, &mechanism.option, samples);
            } else {
                with = measure(load, seconds, &mechanism.option, samples);
                without = measure(load, seconds, nullptr, samples);
            }
            series.without.push_back(without.perCpuSecond);
            series.with.push_back(with.perCpuSecond);
            series.wallWithout.push_back(without.perWallSecond);
            series.wallWith.push_back(with.perWallSecond);
            series.ratio.push_back(with.perCpuSecond / without.perCpuSecond);
            series.wallRatio.push_back(with.perWallSecond / without.perWallSecond);
            std::printf(
                "%-12s pair %d: without %9.1f calls/cpu-s %9.1f calls/s | with %9.1f calls/cpu-s %9.1f "
                "calls/s\n",
                mechanism.name, pair + 1, without.perCpuSecond, without.perWallSecond, with.perCpuSecond,
                with.perWallSecond);
            std::fflush(stdout);
        }
        const double ratio = median(series.ratio);
        const bool ok = ratio >= 1 - kMaxLoss;
        missed = missed || !ok;
        std::printf("%-12s medians: without %9.1f calls/cpu-s (%9.1f calls/s), with %9.1f calls/cpu-s (%9.1f "
                    "calls/s), %.0f samples/s of the load\n",
                    mechanism.name, median(series.without), median(series.wallWithout), median(series.with),
                    median(series.wallWith), static_cast<double>(samples) / (pairs * seconds));
        char line[200];
        std::snprintf(
            line, sizeof line,
            "profiler %-12s at 999 Hz: throughput with/without = %.3fx per CPU second (bar >= %.2fx), "
            "%.3fx per wall second %s\n",
            mechanism.name, ratio, 1 - kMaxLoss, median(series.wallRatio), ok ? "ok" : "MISSED");
        verdicts += line;
    }
    std::printf("%d alternating pairs of %.1f s, %u threads calling %s optimized in a loop\n%s", pairs,
                seconds, threads, engineName.c_str(), verdicts.c_str());
    return missed ? 1 : 0;
}

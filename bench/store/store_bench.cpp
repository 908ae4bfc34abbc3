// bench/store: a simulated 72-hour soak written second by second (compressed clock) into a real store, then
// the three figures of the metrics pipeline: file size, full-range chart read time, per-second commit p99.
#include "bench/bench_timing.h"
#include "bench/soak_simulation.h"
#include "model/metrics/decimate.h"
#include "model/store/run_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace perflab;
using namespace perflab::bench;

namespace {

// The peer of a chart read: every per-second row read and reduced to the same points in memory.
double naiveChartRead(const RunStore& store, std::int64_t runId, std::size_t points) {
    const auto start = Clock::now();
    const auto rows = store.intervals(runId);
    std::vector<double> xs(rows.size()), ys(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        xs[i] = static_cast<double>(rows[i].startMs);
        ys[i] = rows[i].latency.p95;
    }
    const auto kept = m4Indices(xs, ys, points / 4);
    const double ms = millisSince(start);
    if (kept.empty())
        std::abort();
    return ms;
}

} // namespace

int main(int argc, char** argv) {
    const int hours = argc > 1 ? std::atoi(argv[1]) : 72;
    const auto folder =
        std::filesystem::temp_directory_path() / ("perflab-store-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto file = folder / "perflab.db";
    constexpr std::int64_t kStartMs = 1'800'000'000'000;
    constexpr std::size_t kPoints = 2000; // twice a 1000-pixel chart

    std::vector<double> commitMs;
    std::int64_t runId = 0;
    const int seconds = hours * 3600;
    {
        RunStore store(file);
        runId = store.beginRun("simulated soak", TestKind::Soak, "{}", kStartMs);
        SoakSimulation simulation(kStartMs);
        commitMs.reserve(static_cast<std::size_t>(seconds));
        for (int t = 0; t < seconds; ++t) {
            store.append(runId, simulation.second(t));
            const auto start = Clock::now();
            store.flush(); // what the writer does once a second: commit that second
            commitMs.push_back(millisSince(start));
            if (t % 36'000 == 0)
                std::fprintf(stderr, "  simulated %d h of %d\n", t / 3600, hours);
        }
        store.finishRun(runId, RunStatus::Passed, "{}", kStartMs + std::int64_t{seconds} * 1000);
    }
    std::sort(commitMs.begin(), commitMs.end());
    const double commitP99 = commitMs[commitMs.size() * 99 / 100];
    const double sizeMb = static_cast<double>(std::filesystem::file_size(file)) / 1e6;

    const RunStore reader(file, RunStore::Mode::ReadOnly);
    std::vector<double> reads, naive;
    std::size_t buckets = 0;
    for (int round = 0; round < 5; ++round) {
        const auto start = Clock::now();
        buckets = reader.chartSeries(runId, kStartMs, kStartMs + std::int64_t{seconds} * 1000, kPoints)
                      .buckets.size();
        reads.push_back(millisSince(start));
        naive.push_back(naiveChartRead(reader, runId, kPoints));
    }
    if (argc > 2) // a place to keep the store for a look (sqlite3 FILE, dbstat)
        std::filesystem::copy_file(file, argv[2], std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove_all(folder);

    std::printf("store: %d h simulated at ~500 req/s, %zu chart buckets of at most %zu\n", hours, buckets,
                kPoints);
    std::printf("store size               %8.1f MB   (budget 64 MB)\n", sizeMb);
    std::printf("full-range chart read    %8.1f ms   (budget 300 ms; median of 5)\n", median(reads));
    std::printf("per-second commit p99    %8.2f ms   (budget 5 ms; p50 %.2f ms, p90 %.2f ms, max %.1f ms)\n",
                commitP99, commitMs[commitMs.size() / 2], commitMs[commitMs.size() * 9 / 10],
                commitMs.back());
    std::printf("naive read of every second + M4 %8.1f ms (the peer)\n", median(naive));
    std::printf(
        "ratios: size/budget %.2f, read/budget %.2f, commit p99/budget %.2f, read vs naive peer %.3f\n",
        sizeMb / 64, median(reads) / 300, commitP99 / 5, median(reads) / median(naive));
    return sizeMb <= 64 && median(reads) <= 300 && commitP99 <= 5 ? 0 : 1;
}

// bench/report (store side): writes a store holding two soaks of the same length, the first profiled every
// second (2 threads at 999 Hz, simulated), the second not, for the script to time `perflab report` on both;
// then times the profiled run's whole-run profile read (its one so-far row) against the same read merging
// its hours (a range that starts after the run's first slice).
#include "bench/bench_timing.h"
#include "bench/profile_simulation.h"
#include "bench/soak_simulation.h"
#include "model/store/run_store.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

using namespace perflab;
using namespace perflab::bench;

namespace {

constexpr std::int64_t kStartMs = 1'790'000'000'000;
constexpr int kPool = 600; // distinct sampled slices the profiled soak cycles through

void writeStore(const std::filesystem::path& file, int hours) {
    std::mt19937_64 random(72);
    const CallGraph graph(random, 0.9);
    std::vector<Profile> pool;
    for (int i = 0; i < kPool; ++i)
        pool.push_back(simulatedSlice(graph, random, 1));
    RunStore store(file);
    const auto built = Clock::now();
    writeSoak(store, kStartMs, hours, 2.0 * 1024 * 1024, [&](std::int64_t id, int t) {
        const std::int64_t at = kStartMs + std::int64_t{t} * 1000;
        store.appendProfile(id, at, at + 1000, "perf_event", pool[static_cast<std::size_t>(t % kPool)]);
        if (t % 60 == 0)
            store.flush();
    });
    writeSoak(store, kStartMs + std::int64_t{hours + 1} * 3'600'000, hours, 2.0 * 1024 * 1024);
    store.flush();
    std::fprintf(stderr, "  wrote two %d h soaks, one profiled (%.1f MB) in %.0f s\n", hours,
                 static_cast<double>(std::filesystem::file_size(file)) / 1e6, millisSince(built) / 1000);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: report_bench STORE [HOURS]\n");
        return 2;
    }
    const std::filesystem::path file = argv[1];
    const int hours = argc > 2 ? std::atoi(argv[2]) : 72;
    if (!std::filesystem::exists(file))
        writeStore(file, hours);
    else
        RunStore{file}; // a store kept from an older build is upgraded by a writer, as `perflab run` would
    const RunStore store(file, RunStore::Mode::ReadOnly);
    std::vector<RunInfo> runs = store.runs();
    std::sort(runs.begin(), runs.end(), [](const RunInfo& a, const RunInfo& b) { return a.id < b.id; });
    const RunInfo& profiled = runs.at(0); // written first
    std::vector<double> row, hoursMerged;
    std::size_t stacks = 0;
    for (int round = 0; round < 3; ++round) {
        auto start = Clock::now();
        stacks = store.profile(profiled.id).stackCount();
        row.push_back(millisSince(start));
        start = Clock::now();
        store.profile(profiled.id, profiled.startedMs + 1, INT64_MAX);
        hoursMerged.push_back(millisSince(start));
    }
    std::printf(
        "whole-run profile of the %d h run (%zu stacks): its so-far row %.0f ms, merging its hours %.0f "
        "ms (median of 3); ratio %.3f\n",
        hours, stacks, median(row), median(hoursMerged), median(row) / median(hoursMerged));
    std::printf("runs: profiled %lld, unprofiled %lld\n", static_cast<long long>(profiled.id),
                static_cast<long long>(runs.at(1).id));
}

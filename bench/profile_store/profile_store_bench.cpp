// bench/profile_store: one-second profile slices of a busy engine (2 threads at 999 Hz) written into a real
// store (which merges them into minute and hour rows and keeps the last hour of seconds); bytes per slice
// against the same slices kept as zlib-compressed folded text, store size and read times against the
// seconds-only layout (its size from the stored seconds' bytes, its whole-run read from the per-second
// merge time measured here).
#include "bench/bench_timing.h"
#include "bench/profile_simulation.h"
#include "model/metrics/zlib_bytes.h"
#include "model/profile/folded_stacks.h"
#include "model/store/run_store.h"
#include "model/store/run_store_profiles.h"
#include "model/store/sqlite_db.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace perflab;
using namespace perflab::bench;

namespace {

std::uintmax_t storeBytes(const std::filesystem::path& file) {
    std::uintmax_t bytes = 0;
    for (const char* suffix : {"", "-wal"})
        if (std::filesystem::exists(file.string() + suffix))
            bytes += std::filesystem::file_size(file.string() + suffix);
    return bytes;
}

} // namespace

// Rows and stacks bytes per tier of the run (0: seconds as appended, 60,000: minutes, 3,600,000: hours).
struct TierBytes {
    std::int64_t tierMs;
    std::int64_t rows;
    std::int64_t bytes;
};

std::vector<TierBytes> tierBytes(SqliteDb& db, std::int64_t runId) {
    SqliteStatement select(db, "SELECT tier_ms, count(*), total(length(stacks)) FROM profile_slices "
                               "WHERE run_id = ?1 GROUP BY tier_ms ORDER BY tier_ms");
    select.bind(1, runId);
    std::vector<TierBytes> tiers;
    while (select.step())
        tiers.push_back({select.integer(0), select.integer(1), static_cast<std::int64_t>(select.real(2))});
    return tiers;
}

int main(int argc, char** argv) {
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 1800;
    const int sliceSeconds = argc > 2 ? std::atoi(argv[2]) : 1;
    const int slices = seconds / sliceSeconds;
    const auto dir =
        std::filesystem::temp_directory_path() / ("perflab-profile-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "perflab.db";
    std::mt19937_64 random(72);
    const CallGraph graph(random, argc > 3 ? std::atof(argv[3]) : 0.9);
    // A long soak cycles through this many distinct slices (0: every slice is sampled afresh).
    const int pool = argc > 4 ? std::atoi(argv[4]) : 0;
    std::vector<Profile> pooled;

    std::uintmax_t foldedBytes = 0;
    std::size_t stacks = 0;
    std::int64_t runId = 0;
    std::uintmax_t emptyBytes = 0;
    std::vector<double> appendMs;
    std::vector<std::size_t> foldedOf;
    {
        RunStore store(file);
        runId = store.beginRun("profiled soak", TestKind::Soak, "{}", 0);
        store.flush();
        emptyBytes = storeBytes(file);
        for (int t = 0; t < slices; ++t) {
            if (pool == 0 || int(pooled.size()) < pool)
                pooled.push_back(simulatedSlice(graph, random, sliceSeconds));
            const Profile& profile = pool == 0 ? pooled.back() : pooled[std::size_t(t % pool)];
            stacks += profile.stackCount();
            if (pool != 0 && t >= pool) { // the same slice again: the same folded bytes
                foldedBytes += foldedOf[std::size_t(t % pool)];
            } else {
                std::ostringstream folded;
                writeFoldedStacks(profile, folded);
                const std::string text = folded.str();
                std::vector<std::uint8_t> compressed;
                deflateBytes(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
                             compressed);
                foldedBytes += compressed.size();
                foldedOf.push_back(compressed.size());
            }
            const auto start = Clock::now();
            store.appendProfile(runId, std::int64_t{t} * sliceSeconds * 1000,
                                std::int64_t{t + 1} * sliceSeconds * 1000, "perf_event", profile);
            if (t % (60 / sliceSeconds) == 0)
                store.flush();
            appendMs.push_back(millisSince(start));
            if (pool == 0)
                pooled.clear();
        }
        store.finishRun(runId, RunStatus::Passed, "{}", std::int64_t{seconds} * 1000);
    }
    const std::uintmax_t totalBytes = storeBytes(file) - emptyBytes;
    const double storedPerSlice = double(totalBytes) / slices;
    const double foldedPerSlice = double(foldedBytes) / slices;

    const RunStore reader(file, RunStore::Mode::ReadOnly);
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    const std::vector<TierBytes> tiers = tierBytes(db, runId);
    std::int64_t blobBytes = 0;
    for (const TierBytes& tier : tiers)
        blobBytes += tier.bytes;
    // Seconds-only layout: every slice at the stored seconds' mean size, with this store's page overhead.
    const double secondBlob =
        tiers.front().tierMs == 0 ? double(tiers.front().bytes) / tiers.front().rows : 0;
    const double secondsOnlyBytes = secondBlob * slices * double(totalBytes) / double(blobBytes);

    const std::int64_t endMs = std::int64_t{seconds} * 1000;
    const std::int64_t lastMinute = (endMs - 1) / 60'000 * 60'000 - 60'000;
    std::vector<double> wholeMs, minuteMs, oldMinuteMs, secondsMinuteMs;
    std::size_t wholeStacks = 0, wholeMerged = 0, minuteMerged = 0, secondsMerged = 0;
    for (int i = 0; i < 3; ++i) {
        auto start = Clock::now();
        wholeStacks = reader.profile(runId).stackCount();
        wholeMs.push_back(millisSince(start));
        start = Clock::now();
        reader.profile(runId, lastMinute, lastMinute + 60'000);
        minuteMs.push_back(millisSince(start));
        start = Clock::now();
        reader.profile(runId, 600'000, 660'000);
        oldMinuteMs.push_back(millisSince(start));
        // Inside one minute, off its bounds: only seconds are merged, as in the seconds-only layout.
        start = Clock::now();
        run_store_profiles::readProfile(db, runId, lastMinute + 500, lastMinute + 59'500, &secondsMerged);
        secondsMinuteMs.push_back(millisSince(start));
    }
    run_store_profiles::readProfile(db, runId, INT64_MIN, INT64_MAX, &wholeMerged);
    run_store_profiles::readProfile(db, runId, lastMinute, lastMinute + 60'000, &minuteMerged);
    std::filesystem::remove_all(dir);

    const double perSecondMs = median(secondsMinuteMs) / double(secondsMerged);
    std::printf("%d slices of %d s (%s), %.0f distinct stacks each (2 threads at 999 Hz)\n", slices,
                sliceSeconds,
                pool ? ("cycling " + std::to_string(pool) + " sampled ones").c_str() : "each sampled",
                double(stacks) / slices);
    for (const TierBytes& tier : tiers)
        std::printf("tier %7lld ms: %6lld rows, %.1f MB of stacks (%.0f B per row)\n",
                    static_cast<long long>(tier.tierMs), static_cast<long long>(tier.rows), tier.bytes / 1e6,
                    double(tier.bytes) / double(tier.rows));
    std::printf("store size: %.1f MB (%.0f B per appended slice); seconds-only layout: %.1f MB; ratio %.3f\n",
                totalBytes / 1e6, storedPerSlice, secondsOnlyBytes / 1e6,
                double(totalBytes) / secondsOnlyBytes);
    std::printf("zlib-compressed folded text per slice: %.0f B; stored bytes per slice vs it: %.2fx\n",
                foldedPerSlice, storedPerSlice / foldedPerSlice);
    std::printf("appendProfile+flush median %.3f ms\n", median(appendMs));
    std::printf(
        "whole-run read (%zu stacks, %zu rows merged) median %.0f ms; seconds-only layout: %d slices x "
        "%.2f ms per second merged = %.0f ms; ratio %.4f\n",
        wholeStacks, wholeMerged, median(wholeMs), slices, perSecondMs, perSecondMs * slices,
        median(wholeMs) / (perSecondMs * slices));
    std::printf("one-minute range at minute bounds: last minute (%zu rows merged) median %.1f ms, minute at "
                "10 min median %.1f ms; 59 s inside a minute (%zu seconds merged) median %.1f ms; ratio last "
                "minute vs its seconds %.3f\n",
                minuteMerged, median(minuteMs), median(oldMinuteMs), secondsMerged, median(secondsMinuteMs),
                median(minuteMs) / (perSecondMs * 60));
}

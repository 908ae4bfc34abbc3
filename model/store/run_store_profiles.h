// Profile slices in the run store: the tables, the writer's side (run-wide name tables, one row per slice,
// minute and hour tiers merged as slices arrive, old seconds dropped) and the reads (a time range merged
// from the coarsest complete tier rows that fit in it, the list of slices).
#pragma once

#include "model/profile/profile.h"
#include "model/store/run_store.h"
#include "model/store/sqlite_db.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace perflab::run_store_profiles {

// Appended slices older than this behind a run's newest one are deleted once their minute is stored.
inline constexpr std::int64_t kSecondsKeptMs = 3'600'000;
// The tier of a run's one "so far" row: every slice with a duration that starts before the row's end_ms,
// merged, so reading a whole long run merges one row instead of one per hour. It is rewritten as each hour
// is stored and when the run closes (its end_ms is then the last slice's end).
inline constexpr std::int64_t kRunTierMs = -1;

// profile_names (a run's frame and tag names, each stored once) and profile_slices (one compressed blob of
// stacks per row, keyed by run, tier and start: tier 0 rows are the slices as appended, 60,000 and
// 3,600,000 rows the merge of the appended slices starting in that minute or hour, from the first one's
// start to the last one's end, stacks sorted; a kRunTierMs row the run so far). Idempotent: any migration may
// run it on a store that has them.
const char* tablesSql();

// Throws std::invalid_argument for a source other than perf_event, signal-timer or imported, or an end
// before the start.
void checkSlice(std::int64_t startMs, std::int64_t endMs, const std::string& source);

// The writer thread's side: names are added to the run's table as slices first use them; each run's open
// minute and hour are held here and written when a slice of a later one arrives, or at closeRun. Slices
// are expected in time order per run (as a profiler appends them); a slice for an older minute or hour
// reopens its stored row. Slices without duration are kept as appended and never merged into a tier.
class SliceWriter {
public:
    explicit SliceWriter(SqliteDb& db);
    ~SliceWriter();
    // Inside the caller's transaction.
    void write(std::int64_t runId, std::int64_t startMs, std::int64_t endMs, const std::string& source,
               const Profile& profile);
    // Writes the run's open minute and hour, inside the caller's transaction.
    void closeRun(std::int64_t runId);
    // After a rolled-back transaction: names it added and what the open tiers merged are gone, so reload
    // them on next use.
    void forget();

private:
    using Names = std::unordered_map<std::string, std::uint32_t>;
    struct Bucket;
    struct OpenTiers;
    Names& namesOf(std::int64_t runId);
    // Returns the stored blob.
    std::vector<std::uint8_t> insert(std::int64_t runId, std::int64_t tierMs, std::int64_t startMs,
                                     std::int64_t endMs, const std::string& source, const Profile& profile);
    // Makes `bucket` the one holding startMs, writing the one it held (and, for minutes, deleting the
    // appended slices now past retention).
    void roll(std::int64_t runId, OpenTiers& tiers, Bucket& bucket, std::int64_t tierMs,
              std::int64_t startMs);
    void open(std::int64_t runId, Bucket& bucket, std::int64_t tierMs, std::int64_t keyMs);
    void writeBucket(std::int64_t runId, const Bucket& bucket, std::int64_t tierMs);
    // Rewrites the run's so-far row with the hour rows stored since: it then covers slices starting before
    // coverMs, or, when closing (nullopt), every slice.
    void foldIntoRun(std::int64_t runId, std::optional<std::int64_t> coverMs);

    SqliteDb& m_db;
    SqliteStatement m_insertName;
    SqliteStatement m_insertSlice;
    SqliteStatement m_deleteSeconds;
    SqliteStatement m_deleteRunRow;
    std::map<std::int64_t, Names> m_names;
    std::map<std::int64_t, OpenTiers> m_open;
};

// Every appended slice of the run overlapping [fromMs, toMs), equal stacks (same frames, thread and
// engine) summed (in order of first appearance where only appended slices are merged): read from the
// run's so-far row when the range holds it, stored hours and minutes that lie inside the range, and appended
// slices only for the edges and the minute still open. The result equals merging the appended slices
// themselves; where those were deleted (over kSecondsKeptMs old), a minute only partly in the range counts
// whole. `slicesMerged`, when given, receives the number of stored rows merged. A damaged slice is a
// StoreError naming the run, the slice and the file.
Profile readProfile(SqliteDb& db, std::int64_t runId, std::int64_t fromMs, std::int64_t toMs,
                    std::size_t* slicesMerged = nullptr);
// The run's profile in time order at the finest stored grain: the stored minutes whose appended slices
// were deleted, then the appended slices still stored. Their samples sum to the run's.
std::vector<ProfileSliceInfo> readSlices(SqliteDb& db, std::int64_t runId);

} // namespace perflab::run_store_profiles

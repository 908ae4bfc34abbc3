// Profile slices in the run store: the tables, the writer's side (run-wide name tables, one row per slice)
// and the reads (slices merged over a time range, the list of slices).
#pragma once

#include "model/profile.h"
#include "model/run_store.h"
#include "model/sqlite_db.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace perflab::run_store_profiles {

// profile_names (a run's frame and tag names, each stored once) and profile_slices (one compressed blob of
// stacks per slice, keyed by run and start). Idempotent: any migration may run it on a store that has them.
const char* tablesSql();

// Throws std::invalid_argument for a source other than perf_event, signal-timer or imported, or an end
// before the start.
void checkSlice(std::int64_t startMs, std::int64_t endMs, const std::string& source);

// The writer thread's side: names are added to the run's table as slices first use them.
class SliceWriter {
public:
    explicit SliceWriter(SqliteDb& db);
    // Inside the caller's transaction.
    void write(std::int64_t runId, std::int64_t startMs, std::int64_t endMs, const std::string& source,
               const Profile& profile);
    // After a rolled-back transaction: names it added are gone, so reload them on next use.
    void forgetNames() { m_names.clear(); }

private:
    using Names = std::unordered_map<std::string, std::uint32_t>;
    Names& namesOf(std::int64_t runId);

    SqliteDb& m_db;
    SqliteStatement m_insertName;
    SqliteStatement m_insertSlice;
    std::map<std::int64_t, Names> m_names;
};

// Every slice of the run overlapping [fromMs, toMs), equal stacks (same frames, thread and engine) summed,
// in order of first appearance. A damaged slice is a StoreError naming the run, the slice and the file.
Profile readProfile(SqliteDb& db, std::int64_t runId, std::int64_t fromMs, std::int64_t toMs);
std::vector<ProfileSliceInfo> readSlices(SqliteDb& db, std::int64_t runId);

} // namespace perflab::run_store_profiles

// What the Flame page shows of a stored run's profile, read in one go: the whole run (a profile read before
// grown by the slices stored since), or the slices overlapping a time range merged afresh.
#pragma once

#include "model/profile/profile.h"
#include "model/store/run_store.h"

#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace perflab {

struct RunProfileQuery {
    std::int64_t runId = 0;
    std::optional<std::pair<std::int64_t, std::int64_t>> range; // [from, to) in store time; none: whole run
    // Whole-run reads only: the profile read before and the end of its last slice; only later slices are
    // read.
    std::shared_ptr<const Profile> held;
    std::int64_t heldEndMs = INT64_MIN;
};

struct RunProfile {
    RunInfo run;
    std::vector<std::string> sources;       // the slices' mechanisms, sorted
    std::shared_ptr<const Profile> profile; // null: no slices yet
    std::int64_t endMs = INT64_MIN;         // the end of the run's last slice
    bool changed = true;                    // false when `held` already had every slice
};

// Throws std::invalid_argument naming the run and the store when it has no such run, StoreError when the
// store cannot be read.
RunProfile readRunProfile(const RunStore& store, const RunProfileQuery& query);

} // namespace perflab

// readRunProfile: slices follow one another in time, so the ones a held profile lacks end after its last one.
#include "model/store/run_profile.h"

#include "model/store/run_report.h"

#include <algorithm>
#include <stdexcept>

namespace perflab {

RunProfile readRunProfile(const RunStore& store, const RunProfileQuery& query) {
    RunProfile read;
    const auto run = store.run(query.runId);
    if (!run)
        throw std::invalid_argument("no run " + std::to_string(query.runId) + " in " + store.path().string());
    read.run = *run;
    const auto slices = store.profileSlices(query.runId);
    read.sources = profileSources(slices);
    for (const ProfileSliceInfo& slice : slices)
        read.endMs = std::max(read.endMs, slice.endMs);
    if (slices.empty())
        return read;
    if (query.range) {
        read.profile = std::make_shared<const Profile>(
            store.profile(query.runId, query.range->first, query.range->second));
    } else if (query.held && query.heldEndMs != INT64_MIN) {
        read.changed = read.endMs > query.heldEndMs;
        auto grown = std::make_shared<Profile>(*query.held);
        if (read.changed)
            grown->merge(store.profile(query.runId, query.heldEndMs, read.endMs));
        read.profile = std::move(grown);
    } else {
        read.profile = std::make_shared<const Profile>(store.profile(query.runId));
    }
    return read;
}

} // namespace perflab

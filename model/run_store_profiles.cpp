// Profile slices in the run store: names interned per run, stacks summed across slices when read.
#include "model/run_store_profiles.h"
#include "model/profile_slice_codec.h"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace perflab::run_store_profiles {

namespace {

constexpr std::array<std::string_view, 3> kSources{"perf_event", "signal-timer", "imported"};

// A stack as a key: thread and engine (id + 1, 0 for none), then the frames.
struct KeyHash {
    std::size_t operator()(const std::vector<NameId>& key) const {
        std::size_t hash = 14695981039346656037ull;
        for (NameId id : key)
            hash = (hash ^ id) * 1099511628211ull;
        return hash;
    }
};

// Sums equal stacks of many slices, then builds one Profile from them.
class StackSums {
public:
    void add(const SliceStack& stack) {
        m_key.clear();
        m_key.push_back(stack.thread ? *stack.thread + 1 : 0);
        m_key.push_back(stack.engine ? *stack.engine + 1 : 0);
        m_key.insert(m_key.end(), stack.frames.begin(), stack.frames.end());
        auto [it, added] = m_index.try_emplace(m_key, m_counts.size());
        if (added) {
            m_keys.push_back(&it->first);
            m_counts.push_back(0);
        }
        m_counts[it->second] += stack.count;
    }

    Profile build(const std::vector<std::string>& names, const std::string& where) const {
        Profile profile;
        std::vector<std::optional<FrameId>> frameOf(names.size());
        auto nameOf = [&](NameId id) -> const std::string& {
            if (id >= names.size())
                throw StoreError("a profile slice of " + where + " names frame " + std::to_string(id) +
                                 ", which its name table does not hold");
            return names[id];
        };
        std::vector<FrameId> frames;
        for (std::size_t i = 0; i < m_keys.size(); ++i) {
            const std::vector<NameId>& key = *m_keys[i];
            frames.clear();
            for (std::size_t f = 2; f < key.size(); ++f) {
                if (!frameOf[key[f]].has_value())
                    frameOf[key[f]] = profile.internFrame(nameOf(key[f]));
                frames.push_back(*frameOf[key[f]]);
            }
            const std::string_view thread = key[0] ? std::string_view(nameOf(key[0] - 1)) : "";
            const std::string_view engine = key[1] ? std::string_view(nameOf(key[1] - 1)) : "";
            profile.addStack(frames, m_counts[i], thread, engine);
        }
        return profile;
    }

private:
    std::vector<NameId> m_key;
    std::unordered_map<std::vector<NameId>, std::size_t, KeyHash> m_index;
    std::vector<const std::vector<NameId>*> m_keys; // map nodes do not move
    std::vector<std::uint64_t> m_counts;
};

std::vector<std::string> namesOfRun(SqliteDb& db, std::int64_t runId) {
    SqliteStatement select(db, "SELECT id, name FROM profile_names WHERE run_id = ?1 ORDER BY id");
    select.bind(1, runId);
    std::vector<std::string> names;
    while (select.step()) {
        names.resize(static_cast<std::size_t>(select.integer(0)) + 1);
        names.back() = select.text(1);
    }
    return names;
}

} // namespace

const char* tablesSql() {
    return R"sql(
CREATE TABLE IF NOT EXISTS profile_names(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY(run_id, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS profile_slices(
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    source TEXT NOT NULL,
    samples INTEGER NOT NULL,
    stacks BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS profile_slices_by_run ON profile_slices(run_id, start_ms);
)sql";
}

void checkSlice(std::int64_t startMs, std::int64_t endMs, const std::string& source) {
    if (std::find(kSources.begin(), kSources.end(), source) == kSources.end())
        throw std::invalid_argument("unknown profile source '" + source +
                                    "' (expected perf_event, signal-timer or imported)");
    if (endMs < startMs)
        throw std::invalid_argument("a profile slice ending at " + std::to_string(endMs) +
                                    " ms before its start at " + std::to_string(startMs) + " ms");
}

SliceWriter::SliceWriter(SqliteDb& db)
    : m_db(db)
    , m_insertName(db, "INSERT INTO profile_names(run_id, id, name) VALUES(?1, ?2, ?3)")
    , m_insertSlice(db, "INSERT INTO profile_slices(run_id, start_ms, end_ms, source, samples, stacks) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)") {}

SliceWriter::Names& SliceWriter::namesOf(std::int64_t runId) {
    auto found = m_names.find(runId);
    if (found != m_names.end())
        return found->second;
    Names& names = m_names[runId];
    const std::vector<std::string> stored = namesOfRun(m_db, runId); // a resumed run goes on with its table
    for (std::uint32_t id = 0; id < stored.size(); ++id)
        names.emplace(stored[id], id);
    return names;
}

void SliceWriter::write(std::int64_t runId, std::int64_t startMs, std::int64_t endMs,
                        const std::string& source, const Profile& profile) {
    Names& names = namesOf(runId);
    const auto blob = encodeProfileSlice(profile, [&](std::string_view name) {
        auto [it, added] = names.try_emplace(std::string(name), static_cast<std::uint32_t>(names.size()));
        if (added)
            m_insertName.bind(1, runId).bind(2, std::int64_t{it->second}).bind(3, name).run();
        return it->second;
    });
    m_insertSlice.bind(1, runId).bind(2, startMs).bind(3, endMs).bind(4, source);
    m_insertSlice.bind(5, static_cast<std::int64_t>(profile.totalSamples())).bind(6, blob).run();
}

Profile readProfile(SqliteDb& db, std::int64_t runId, std::int64_t fromMs, std::int64_t toMs) {
    SqliteStatement select(db, "SELECT start_ms, stacks FROM profile_slices "
                               "WHERE run_id = ?1 AND start_ms < ?3 AND end_ms > ?2 ORDER BY start_ms, id");
    select.bind(1, runId).bind(2, fromMs).bind(3, toMs);
    StackSums sums;
    const std::string where = "run " + std::to_string(runId) + " in " + db.path().string();
    while (select.step()) {
        try {
            decodeProfileSlice(select.blob(1), [&](const SliceStack& stack) { sums.add(stack); });
        } catch (const std::runtime_error& error) {
            throw StoreError("the profile slice at " + std::to_string(select.integer(0)) + " ms of " + where +
                             " is damaged: " + error.what());
        }
    }
    select.reset();
    return sums.build(namesOfRun(db, runId), where);
}

std::vector<ProfileSliceInfo> readSlices(SqliteDb& db, std::int64_t runId) {
    SqliteStatement select(db, "SELECT start_ms, end_ms, source, samples FROM profile_slices "
                               "WHERE run_id = ?1 ORDER BY start_ms, id");
    select.bind(1, runId);
    std::vector<ProfileSliceInfo> slices;
    while (select.step())
        slices.push_back({.startMs = select.integer(0),
                          .endMs = select.integer(1),
                          .source = select.text(2),
                          .samples = static_cast<std::uint64_t>(select.integer(3))});
    return slices;
}

} // namespace perflab::run_store_profiles

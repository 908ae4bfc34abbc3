// Profile slices in the run store: names interned per run, stacks summed across slices when read.
#include "model/store/run_store_profiles.h"
#include "model/profile/profile_slice_codec.h"

#include "model/store/rollup.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>

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

    // In order of first appearance, or sorted by stack, so stacks sharing frames are neighbours (a tier row
    // sums thousands of slices; its codec stores each stack's frames shared with the one before once).
    enum class Order { FirstSeen, ByStack };
    Profile build(const std::vector<std::string>& names, const std::string& where,
                  Order order = Order::FirstSeen) const {
        std::vector<std::size_t> indices(m_keys.size());
        std::iota(indices.begin(), indices.end(), std::size_t{0});
        if (order == Order::ByStack)
            std::sort(indices.begin(), indices.end(),
                      [&](std::size_t a, std::size_t b) { return *m_keys[a] < *m_keys[b]; });
        Profile profile;
        std::vector<std::optional<FrameId>> frameOf(names.size());
        auto nameOf = [&](NameId id) -> const std::string& {
            if (id >= names.size())
                throw StoreError("a profile slice of " + where + " names frame " + std::to_string(id) +
                                 ", which its name table does not hold");
            return names[id];
        };
        std::vector<FrameId> frames;
        for (std::size_t i : indices) {
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

// A stored row chosen for a read: its tier (0: as appended) and span.
struct Piece {
    std::int64_t id;
    std::int64_t tierMs;
    std::int64_t startMs;
    std::int64_t endMs;
    std::string source;
};

// Which appended slices a read wants: those overlapping [from, to) (a user's range), or those starting in it
// (a tier bucket being reopened, whose bounds are tier-aligned).
enum class Match { Overlapping, StartingIn };

// Stored rows that hold, between them, exactly the wanted appended slices, each once, in time order: hours
// and minutes inside the range first, appended slices for the rest (see readProfile).
std::vector<Piece> chooseRows(SqliteDb& db, std::int64_t runId, std::int64_t from, std::int64_t to,
                              Match match) {
    std::map<std::int64_t, std::int64_t> covered; // tier buckets taken: start -> end
    auto isCovered = [&](std::int64_t ms) {
        auto after = covered.upper_bound(ms);
        return after != covered.begin() && std::prev(after)->second > ms;
    };
    std::vector<Piece> pieces;
    auto take = [&](const SqliteStatement& row, std::int64_t tierMs) {
        pieces.push_back({.id = row.integer(0),
                          .tierMs = tierMs,
                          .startMs = row.integer(1),
                          .endMs = row.integer(2),
                          .source = row.text(3)});
        if (tierMs == kRunTierMs)
            covered.emplace(INT64_MIN, row.integer(2));
        else if (tierMs != 0)
            covered.emplace(tierStart(row.integer(1), tierMs), tierStart(row.integer(1), tierMs) + tierMs);
    };
    if (match == Match::Overlapping) {
        SqliteStatement soFar(db, "SELECT id, start_ms, end_ms, source FROM profile_slices WHERE run_id = ?1 "
                                  "AND tier_ms = ?2 AND start_ms >= ?3 AND end_ms <= ?4");
        soFar.bind(1, runId).bind(2, kRunTierMs).bind(3, from).bind(4, to);
        if (soFar.step())
            take(soFar, kRunTierMs);
    }
    SqliteStatement tiers(db, "SELECT id, start_ms, end_ms, source FROM profile_slices WHERE run_id = ?1 AND "
                              "tier_ms = ?2 AND start_ms >= ?3 AND start_ms < ?4 AND end_ms <= ?5 "
                              "ORDER BY start_ms");
    for (std::int64_t tierMs : {kHourTierMs, kMinuteTierMs}) {
        tiers.bind(1, runId).bind(2, tierMs).bind(3, from).bind(4, to);
        tiers.bind(5, match == Match::Overlapping ? to : INT64_MAX);
        while (tiers.step()) {
            const std::int64_t key = tierStart(tiers.integer(1), tierMs);
            if (isCovered(key) || (match == Match::StartingIn && (key < from || key + tierMs > to)))
                continue;
            take(tiers, tierMs);
        }
        tiers.reset();
    }
    if (match == Match::Overlapping) {
        // Edge minutes whose appended slices are gone count whole.
        SqliteStatement edges(db, "SELECT id, start_ms, end_ms, source FROM profile_slices WHERE run_id = ?1 "
                                  "AND tier_ms = ?2 AND start_ms < ?4 AND end_ms > ?3 ORDER BY start_ms");
        SqliteStatement appended(db, "SELECT 1 FROM profile_slices WHERE run_id = ?1 AND tier_ms = 0 AND "
                                     "start_ms >= ?2 AND start_ms < ?3 AND end_ms > start_ms LIMIT 1");
        edges.bind(1, runId).bind(2, kMinuteTierMs).bind(3, from).bind(4, to);
        while (edges.step()) {
            const std::int64_t key = tierStart(edges.integer(1), kMinuteTierMs);
            if (isCovered(key))
                continue;
            appended.bind(1, runId).bind(2, key).bind(3, key + kMinuteTierMs);
            const bool kept = appended.step();
            appended.reset();
            if (!kept)
                take(edges, kMinuteTierMs);
        }
        edges.reset();
    }
    SqliteStatement slices(db, "SELECT id, start_ms, end_ms, source FROM profile_slices WHERE run_id = ?1 "
                               "AND tier_ms = 0 AND start_ms >= ?2 AND start_ms < ?3 AND end_ms > ?4 "
                               "ORDER BY start_ms, id");
    slices.bind(1, runId).bind(3, to);
    if (match == Match::Overlapping)
        slices.bind(2, INT64_MIN).bind(4, from);
    else
        slices.bind(2, from).bind(4, INT64_MIN);
    while (slices.step()) {
        // Only slices with a duration are in tiers.
        const bool lasts = slices.integer(2) > slices.integer(1);
        if ((lasts && isCovered(slices.integer(1))) || (!lasts && match == Match::StartingIn))
            continue;
        take(slices, 0);
    }
    slices.reset();
    std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
        return std::tie(a.startMs, a.id) < std::tie(b.startMs, b.id);
    });
    return pieces;
}

std::string whereOf(SqliteDb& db, std::int64_t runId) {
    return "run " + std::to_string(runId) + " in " + db.path().string();
}

// Adds the stacks of every piece to `sums`.
void mergePieces(SqliteDb& db, std::int64_t runId, const std::vector<Piece>& pieces, StackSums& sums) {
    SqliteStatement select(db, "SELECT stacks FROM profile_slices WHERE id = ?1");
    for (const Piece& piece : pieces) {
        select.bind(1, piece.id);
        if (!select.step())
            throw StoreError("the profile slice at " + std::to_string(piece.startMs) + " ms of " +
                             whereOf(db, runId) + " vanished while being read");
        try {
            decodeProfileSlice(select.blob(0), [&](const SliceStack& stack) { sums.add(stack); });
        } catch (const std::runtime_error& error) {
            throw StoreError("the profile slice at " + std::to_string(piece.startMs) + " ms of " +
                             whereOf(db, runId) + " is damaged: " + error.what());
        }
        select.reset();
    }
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
    tier_ms INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    source TEXT NOT NULL,
    samples INTEGER NOT NULL,
    stacks BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS profile_slices_by_tier ON profile_slices(run_id, tier_ms, start_ms);
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

// A minute or hour being filled: the run-wide name ids of its stacks, summed.
struct SliceWriter::Bucket {
    bool open = false;
    std::int64_t keyMs = 0;
    std::int64_t startMs = INT64_MAX;
    std::int64_t endMs = INT64_MIN;
    std::string source;
    StackSums sums;
};

struct SliceWriter::OpenTiers {
    Bucket minute;
    Bucket hour;
    std::int64_t newestStartMs = INT64_MIN;
};

SliceWriter::SliceWriter(SqliteDb& db)
    : m_db(db)
    , m_insertName(db, "INSERT INTO profile_names(run_id, id, name) VALUES(?1, ?2, ?3)")
    , m_insertSlice(db, "INSERT INTO profile_slices(run_id, tier_ms, start_ms, end_ms, source, samples, "
                        "stacks) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
    , m_deleteSeconds(db, "DELETE FROM profile_slices WHERE run_id = ?1 AND tier_ms = 0 AND start_ms < ?2 "
                          "AND end_ms > start_ms")
    , m_deleteRunRow(db, "DELETE FROM profile_slices WHERE run_id = ?1 AND tier_ms = ?2") {}

SliceWriter::~SliceWriter() = default;

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

std::vector<std::uint8_t> SliceWriter::insert(std::int64_t runId, std::int64_t tierMs, std::int64_t startMs,
                                              std::int64_t endMs, const std::string& source,
                                              const Profile& profile) {
    Names& names = namesOf(runId);
    const auto blob = encodeProfileSlice(profile, [&](std::string_view name) {
        auto [it, added] = names.try_emplace(std::string(name), static_cast<std::uint32_t>(names.size()));
        if (added)
            m_insertName.bind(1, runId).bind(2, std::int64_t{it->second}).bind(3, name).run();
        return it->second;
    });
    m_insertSlice.bind(1, runId).bind(2, tierMs).bind(3, startMs).bind(4, endMs).bind(5, source);
    m_insertSlice.bind(6, static_cast<std::int64_t>(profile.totalSamples())).bind(7, blob).run();
    return blob;
}

void SliceWriter::open(std::int64_t runId, Bucket& bucket, std::int64_t tierMs, std::int64_t keyMs) {
    bucket = Bucket{};
    bucket.open = true;
    bucket.keyMs = keyMs;
    // A bucket met again (a resumed run, a failed commit) goes on from what the store holds of it.
    const std::vector<Piece> pieces = chooseRows(m_db, runId, keyMs, keyMs + tierMs, Match::StartingIn);
    mergePieces(m_db, runId, pieces, bucket.sums);
    SqliteStatement remove(m_db, "DELETE FROM profile_slices WHERE id = ?1");
    for (const Piece& piece : pieces) {
        bucket.startMs = std::min(bucket.startMs, piece.startMs);
        bucket.endMs = std::max(bucket.endMs, piece.endMs);
        if (bucket.source.empty())
            bucket.source = piece.source;
        if (piece.tierMs == tierMs) // rewritten when the bucket closes
            remove.bind(1, piece.id).run();
    }
}

void SliceWriter::writeBucket(std::int64_t runId, const Bucket& bucket, std::int64_t tierMs) {
    if (bucket.startMs > bucket.endMs)
        return;
    insert(runId, tierMs, bucket.startMs, bucket.endMs, bucket.source,
           bucket.sums.build(namesOfRun(m_db, runId), whereOf(m_db, runId), StackSums::Order::ByStack));
}

void SliceWriter::foldIntoRun(std::int64_t runId, std::optional<std::int64_t> coverMs) {
    SqliteStatement stored(m_db, "SELECT id, tier_ms, start_ms, end_ms, source FROM profile_slices WHERE "
                                 "run_id = ?1 AND (tier_ms = ?2 OR (tier_ms = ?3 AND start_ms >= ?4)) "
                                 "ORDER BY tier_ms, start_ms");
    SqliteStatement soFar(m_db, "SELECT end_ms FROM profile_slices WHERE run_id = ?1 AND tier_ms = ?2");
    soFar.bind(1, runId).bind(2, kRunTierMs);
    const std::int64_t since = soFar.step() ? soFar.integer(0) : INT64_MIN;
    stored.bind(1, runId).bind(2, kRunTierMs).bind(3, kHourTierMs).bind(4, since);
    std::vector<Piece> pieces;
    while (stored.step())
        pieces.push_back({.id = stored.integer(0),
                          .tierMs = stored.integer(1),
                          .startMs = stored.integer(2),
                          .endMs = stored.integer(3),
                          .source = stored.text(4)});
    const bool grows = std::any_of(pieces.begin(), pieces.end(),
                                   [](const Piece& piece) { return piece.tierMs == kHourTierMs; });
    const bool oneHour = pieces.size() == 1 && pieces.front().tierMs == kHourTierMs;
    if (!grows || oneHour) // a single hour is its own so-far row
        return;
    StackSums sums;
    mergePieces(m_db, runId, pieces, sums);
    std::int64_t start = INT64_MAX;
    std::int64_t end = INT64_MIN;
    for (const Piece& piece : pieces) {
        start = std::min(start, piece.startMs);
        end = std::max(end, piece.endMs);
    }
    m_deleteRunRow.bind(1, runId).bind(2, kRunTierMs).run();
    insert(runId, kRunTierMs, start, coverMs.value_or(end), pieces.front().source,
           sums.build(namesOfRun(m_db, runId), whereOf(m_db, runId), StackSums::Order::ByStack));
}

void SliceWriter::roll(std::int64_t runId, OpenTiers& tiers, Bucket& bucket, std::int64_t tierMs,
                       std::int64_t startMs) {
    const std::int64_t key = tierStart(startMs, tierMs);
    if (bucket.open && bucket.keyMs == key)
        return;
    if (bucket.open) {
        writeBucket(runId, bucket, tierMs);
        if (tierMs == kHourTierMs)
            foldIntoRun(runId, bucket.keyMs + kHourTierMs);
        if (tierMs == kMinuteTierMs) // every minute before the cutoff is stored now
            m_deleteSeconds.bind(1, runId)
                .bind(2, std::min(tierStart(tiers.newestStartMs - kSecondsKeptMs, kMinuteTierMs),
                                  bucket.keyMs + kMinuteTierMs))
                .run();
    }
    open(runId, bucket, tierMs, key);
}

void SliceWriter::write(std::int64_t runId, std::int64_t startMs, std::int64_t endMs,
                        const std::string& source, const Profile& profile) {
    OpenTiers* tiers = nullptr;
    if (endMs > startMs) { // buckets open before the slice is stored, so reopening one does not count it
        auto [found, first] = m_open.try_emplace(runId);
        tiers = &found->second;
        if (first) // a resumed run: its so-far row is rebuilt from its hours when the next one is stored
            m_deleteRunRow.bind(1, runId).bind(2, kRunTierMs).run();
        tiers->newestStartMs = std::max(tiers->newestStartMs, startMs);
        roll(runId, *tiers, tiers->minute, kMinuteTierMs, startMs);
        roll(runId, *tiers, tiers->hour, kHourTierMs, startMs);
    }
    const std::vector<std::uint8_t> blob = insert(runId, 0, startMs, endMs, source, profile);
    if (!tiers)
        return;
    decodeProfileSlice(blob, [&](const SliceStack& stack) {
        tiers->minute.sums.add(stack);
        tiers->hour.sums.add(stack);
    });
    for (Bucket* bucket : {&tiers->minute, &tiers->hour}) {
        bucket->startMs = std::min(bucket->startMs, startMs);
        bucket->endMs = std::max(bucket->endMs, endMs);
        if (bucket->source.empty())
            bucket->source = source;
    }
}

void SliceWriter::closeRun(std::int64_t runId) {
    auto found = m_open.find(runId);
    if (found == m_open.end())
        return;
    writeBucket(runId, found->second.minute, kMinuteTierMs);
    writeBucket(runId, found->second.hour, kHourTierMs);
    foldIntoRun(runId, std::nullopt);
    m_open.erase(found);
}

void SliceWriter::forget() {
    m_names.clear();
    m_open.clear();
}

Profile readProfile(SqliteDb& db, std::int64_t runId, std::int64_t fromMs, std::int64_t toMs,
                    std::size_t* slicesMerged) {
    const std::vector<Piece> pieces = chooseRows(db, runId, fromMs, toMs, Match::Overlapping);
    StackSums sums;
    mergePieces(db, runId, pieces, sums);
    if (slicesMerged)
        *slicesMerged = pieces.size();
    return sums.build(namesOfRun(db, runId), whereOf(db, runId));
}

std::vector<ProfileSliceInfo> readSlices(SqliteDb& db, std::int64_t runId) {
    // Minutes first, then the appended slices: a minute is listed when none of its slices is left.
    SqliteStatement select(db,
                           "SELECT tier_ms, start_ms, end_ms, source, samples FROM profile_slices "
                           "WHERE run_id = ?1 AND tier_ms IN (0, ?2) ORDER BY tier_ms DESC, start_ms, id");
    select.bind(1, runId).bind(2, kMinuteTierMs);
    std::vector<ProfileSliceInfo> minutes;
    std::vector<ProfileSliceInfo> slices;
    std::set<std::int64_t> minutesWithSlices;
    while (select.step()) {
        ProfileSliceInfo info{.startMs = select.integer(1),
                              .endMs = select.integer(2),
                              .source = select.text(3),
                              .samples = static_cast<std::uint64_t>(select.integer(4))};
        if (select.integer(0) == 0) {
            if (info.endMs > info.startMs)
                minutesWithSlices.insert(tierStart(info.startMs, kMinuteTierMs));
            slices.push_back(std::move(info));
        } else {
            minutes.push_back(std::move(info));
        }
    }
    select.reset();
    std::erase_if(minutes, [&](const ProfileSliceInfo& minute) {
        return minutesWithSlices.contains(tierStart(minute.startMs, kMinuteTierMs));
    });
    std::vector<ProfileSliceInfo> merged;
    merged.reserve(minutes.size() + slices.size());
    std::merge(minutes.begin(), minutes.end(), slices.begin(), slices.end(), std::back_inserter(merged),
               [](const ProfileSliceInfo& a, const ProfileSliceInfo& b) { return a.startMs < b.startMs; });
    return merged;
}

} // namespace perflab::run_store_profiles

// Tests of RunStore's profile slices: round trips, time-range merges, minute and hour tiers with retention,
// the schema upgrade and write failures.
#include "model/store/rollup.h"
#include "model/store/run_store.h"
#include "model/store/run_store_profiles.h"
#include "model/store/sqlite_db.h"
#include "tests/model/store_fixture.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <array>
#include <csignal>
#include <map>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace perflab;
using perflab::test::StoreDir;

namespace {

// One line per stack: "thread|engine|a;b;c count", in the profile's order.
std::string dump(const Profile& profile) {
    std::ostringstream out;
    for (std::size_t i = 0; i < profile.stackCount(); ++i) {
        const Profile::Stack stack = profile.stack(i);
        out << profile.tagName(stack.thread) << '|' << profile.tagName(stack.engine) << '|';
        for (std::size_t f = 0; f < stack.frames.size(); ++f)
            out << (f ? ";" : "") << profile.frameName(stack.frames[f]);
        out << ' ' << stack.count << '\n';
    }
    return out.str();
}

Profile profileOf(std::initializer_list<std::pair<std::vector<std::string_view>, std::uint64_t>> stacks,
                  std::string_view thread = {}, std::string_view engine = {}) {
    Profile profile;
    for (const auto& [frames, count] : stacks)
        profile.addStack(std::span<const std::string_view>(frames), count, thread, engine);
    return profile;
}

// Stack line -> count, equal stacks summed: the content of a profile regardless of order.
std::map<std::string, std::uint64_t> totals(const Profile& profile) {
    std::map<std::string, std::uint64_t> counts;
    std::istringstream lines(dump(profile));
    for (std::string line; std::getline(lines, line);) {
        const auto space = line.rfind(' ');
        counts[line.substr(0, space)] += std::stoull(line.substr(space + 1));
    }
    return counts;
}

// Second t of the soak below: a few stacks whose counts vary with t, so a wrong merge shows.
Profile soakSecond(std::int64_t t) {
    constexpr std::array<std::string_view, 7> kHot{"f0", "f1", "f2", "f3", "f4", "f5", "f6"};
    const std::string_view hot = kHot[static_cast<std::size_t>(t % 7)];
    const std::string_view thread = t % 2 ? "w1" : "w0";
    Profile profile;
    const std::vector<std::string_view> frames{"main", hot};
    profile.addStack(std::span<const std::string_view>(frames), static_cast<std::uint64_t>(t % 5 + 1),
                     thread);
    if (t % 60 == 0) {
        const std::vector<std::string_view> minutely{"main", "minutely"};
        profile.addStack(std::span<const std::string_view>(minutely), 3);
    }
    return profile;
}

// The merge of seconds [from, to) of the soak, as appended.
std::map<std::string, std::uint64_t> soakTotals(std::int64_t from, std::int64_t to) {
    std::map<std::string, std::uint64_t> counts;
    for (std::int64_t t = from; t < to; ++t)
        for (const auto& [stack, count] : totals(soakSecond(t)))
            counts[stack] += count;
    return counts;
}

std::uint64_t sumOf(const std::map<std::string, std::uint64_t>& counts) {
    std::uint64_t sum = 0;
    for (const auto& entry : counts)
        sum += entry.second;
    return sum;
}

constexpr std::int64_t kSoakSeconds = 3 * 3600;

// A finished three-hour run of one-second slices on a compressed clock.
std::int64_t storeSoak(const std::filesystem::path& file, std::int64_t seconds = kSoakSeconds,
                       bool finish = true) {
    RunStore store(file);
    const std::int64_t id = store.beginRun("profiled soak", TestKind::Soak, "{}", 0);
    for (std::int64_t t = 0; t < seconds; ++t)
        store.appendProfile(id, t * 1000, t * 1000 + 1000, "perf_event", soakSecond(t));
    if (finish)
        store.finishRun(id, RunStatus::Passed, "{}", seconds * 1000);
    else
        store.flush();
    return id;
}

std::uint64_t tierSamples(SqliteDb& db, std::int64_t id, std::int64_t tierMs) {
    SqliteStatement sum(db, "SELECT total(samples) FROM profile_slices WHERE run_id = ?1 AND tier_ms = ?2");
    sum.bind(1, id).bind(2, tierMs);
    REQUIRE(sum.step());
    return static_cast<std::uint64_t>(sum.real(0));
}

} // namespace

TEST_CASE("a stored profile slice reads back with its names, counts, threads and engines") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const std::int64_t id = store.beginRun("profiled", TestKind::Load, "{}");
    Profile profile;
    const std::vector<std::string_view> deep{
        "main", "perflab::engines::KnowledgeEngine::execute(Request const&)", "naïve join ∘ scan"};
    const std::vector<std::string_view> shallow{"main", "std::vector<int>::push_back(int&&)"};
    const std::vector<std::string_view> other{"start_thread", "worker loop"};
    profile.addStack(deep, 120, "worker-0", "knowledge");
    profile.addStack(shallow, 7, "worker-0", "knowledge");
    profile.addStack(deep, 3, "worker-1", "analytics");
    profile.addStack(other, 1);
    store.appendProfile(id, 1000, 2000, "perf_event", profile);
    store.flush();

    const Profile stored = store.profile(id);
    CHECK(dump(stored) == dump(profile));
    CHECK(stored.totalSamples() == 131);
    CHECK(stored.threads() == std::vector<std::string>{"worker-0", "worker-1"});
    CHECK(stored.engines() == std::vector<std::string>{"analytics", "knowledge"});
    const auto slices = store.profileSlices(id);
    REQUIRE(slices.size() == 1);
    CHECK(slices[0].startMs == 1000);
    CHECK(slices[0].endMs == 2000);
    CHECK(slices[0].source == "perf_event");
    CHECK(slices[0].samples == 131);
}

TEST_CASE("a time range merges the slices overlapping it, summing equal stacks") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const std::int64_t id = store.beginRun("profiled", TestKind::Load, "{}");
    const std::int64_t other = store.beginRun("other", TestKind::Load, "{}");
    store.appendProfile(id, 0, 1000, "signal-timer",
                        profileOf({{{"main", "a"}, 1}, {{"main", "b"}, 2}}, "w0"));
    store.appendProfile(id, 1000, 2000, "signal-timer",
                        profileOf({{{"main", "a"}, 10}, {{"main", "c"}, 20}}, "w0"));
    store.appendProfile(id, 2000, 3000, "signal-timer", profileOf({{{"main", "a"}, 100}}, "w1"));
    store.appendProfile(other, 0, 3000, "imported", profileOf({{{"elsewhere"}, 5}}));
    store.flush();

    CHECK(dump(store.profile(id, 1000, 2000)) == "w0||main;a 10\nw0||main;c 20\n");
    CHECK(dump(store.profile(id, 500, 1500)) == "w0||main;a 11\nw0||main;b 2\nw0||main;c 20\n");
    CHECK(dump(store.profile(id)) == "w0||main;a 11\nw0||main;b 2\nw0||main;c 20\nw1||main;a 100\n");
    CHECK(store.profile(id, 3000, 9000).stackCount() == 0);
    CHECK(store.profile(id, -5000, 0).stackCount() == 0);
    CHECK(dump(store.profile(other)) == "||elsewhere 5\n");
    CHECK(store.profileSlices(id).size() == 3);
    CHECK(store.profileSlices(id + 100).empty());
}

TEST_CASE("a profile slice with an unknown source or an end before its start is refused at once") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const std::int64_t id = store.beginRun("profiled", TestKind::Load, "{}");
    const Profile profile = profileOf({{{"main"}, 1}});
    CHECK_THROWS_WITH(store.appendProfile(id, 0, 1000, "dtrace", profile), Catch::Contains("'dtrace'"));
    CHECK_THROWS_WITH(store.appendProfile(id, 2000, 1000, "perf_event", profile), Catch::Contains("before"));
}

TEST_CASE("a store of schema version 2 gains the profile tables when opened for writing") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    std::int64_t id = 0;
    {
        RunStore store(file);
        id = store.beginRun("before profiles", TestKind::Load, "{}");
        store.finishRun(id, RunStatus::Passed, "{}");
    }
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db,
                             "DROP TABLE profile_slices; DROP TABLE profile_names; "
                             "ALTER TABLE runs DROP COLUMN baseline; PRAGMA user_version = 2;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    CHECK_THROWS_WITH(RunStore(file, RunStore::Mode::ReadOnly), Catch::Contains("store schema 2"));
    RunStore store(file);
    CHECK(store.run(id)->status == RunStatus::Passed);
    CHECK(store.profileSlices(id).empty());
    store.appendProfile(id, 0, 1000, "imported", profileOf({{{"main", "work"}, 4}}));
    store.flush();
    CHECK(dump(store.profile(id)) == "||main;work 4\n");
}

TEST_CASE("a profile slice the writer cannot store surfaces as a StoreError, and later slices are stored") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const std::int64_t id = store.beginRun("ok", TestKind::Load, "{}");
    store.appendProfile(id + 1, 0, 1000, "perf_event", profileOf({{{"main", "lost"}, 1}})); // no such run
    CHECK_THROWS_WITH(store.flush(), Catch::Contains("FOREIGN KEY constraint failed"));
    store.appendProfile(id, 0, 1000, "perf_event", profileOf({{{"main", "kept"}, 2}}));
    store.flush();
    CHECK(dump(store.profile(id)) == "||main;kept 2\n");
}

TEST_CASE(
    "a profile slice that does not fit on the disk is a StoreError naming the store, which stays sound") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    std::int64_t id = 0;
    {
        RunStore store(file);
        id = store.beginRun("filled the disk", TestKind::Load, "{}");
    }
    // A child process, so the file-size limit (SQLite sees EFBIG, a full disk ENOSPC) binds nothing else.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails instead of killing the process
        RunStore store(file);
        const rlimit limit{.rlim_cur = 256 * 1024, .rlim_max = RLIM_INFINITY};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        Profile big;
        std::string name;
        for (int i = 0; i < 20000; ++i) {
            name = "frame " + std::to_string(i * 7919 % 100003) + " of a profile larger than the disk";
            const std::vector<std::string_view> frames{"main", name};
            big.addStack(std::span<const std::string_view>(frames), 1);
        }
        store.appendProfile(id, 0, 1000, "perf_event", big);
        try {
            store.flush();
        } catch (const StoreError& error) {
            const std::string message = error.what();
            ::_exit(message.find(file.string()) != std::string::npos ? 0 : 2);
        }
        ::_exit(1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    RunStore store(file);
    CHECK(store.profileSlices(id).empty());
    store.appendProfile(id, 0, 1000, "perf_event", profileOf({{{"main"}, 1}}));
    store.flush();
    CHECK(store.profileSlices(id).size() == 1);
}

TEST_CASE("a three-hour profiled run's minute and hour tiers hold the samples of all its seconds") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    const std::int64_t id = storeSoak(file);
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    const std::uint64_t total = sumOf(soakTotals(0, kSoakSeconds));
    CHECK(tierSamples(db, id, kMinuteTierMs) == total);
    CHECK(tierSamples(db, id, kHourTierMs) == total);
    CHECK(db.queryInt("SELECT count(*) FROM profile_slices WHERE tier_ms = 60000") == 180);
    CHECK(db.queryInt("SELECT count(*) FROM profile_slices WHERE tier_ms = 3600000") == 3);
    // Each hour and each minute holds the same stacks and counts as its seconds.
    for (std::int64_t hour = 0; hour < 3; ++hour)
        CHECK(totals(run_store_profiles::readProfile(db, id, hour * 3'600'000, (hour + 1) * 3'600'000)) ==
              soakTotals(hour * 3600, (hour + 1) * 3600));
    for (std::int64_t minute : {0, 59, 61, 120, 179})
        CHECK(totals(run_store_profiles::readProfile(db, id, minute * 60'000, (minute + 1) * 60'000)) ==
              soakTotals(minute * 60, (minute + 1) * 60));
}

TEST_CASE("a whole-run read of a tiered run equals the merge of every appended slice") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    const std::int64_t id = storeSoak(file);
    Profile appended;
    for (std::int64_t t = 0; t < kSoakSeconds; ++t)
        appended.merge(soakSecond(t));
    const RunStore store(file, RunStore::Mode::ReadOnly);
    const Profile whole = store.profile(id);
    CHECK(totals(whole) == totals(appended));
    CHECK(whole.totalSamples() == appended.totalSamples());
    CHECK(dump(whole) == dump(store.profile(id, 0, kSoakSeconds * 1000)));
    // A range with ragged edges: seconds at both ends, minutes between.
    CHECK(totals(store.profile(id, 10'000'500, 10'700'250)) == soakTotals(10'000, 10'701));
}

TEST_CASE(
    "appended slices over an hour older than a run's newest are deleted, their samples kept in minutes") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    const std::int64_t id = storeSoak(file);
    const RunStore store(file, RunStore::Mode::ReadOnly);
    const auto slices = store.profileSlices(id);
    // The minutes before the last hour (and the minute it starts in), then the seconds kept.
    const std::int64_t kept = kSoakSeconds - 7140;
    REQUIRE(slices.size() == 119 + kept);
    CHECK(slices.front().startMs == 0);
    CHECK(slices.front().endMs == 60'000);
    CHECK(slices[118].endMs == 7'140'000);
    CHECK(slices[119].startMs == 7'140'000);
    CHECK(slices[119].endMs == 7'141'000);
    CHECK(slices.back().endMs == kSoakSeconds * 1000);
    std::uint64_t samples = 0;
    for (const ProfileSliceInfo& slice : slices) {
        samples += slice.samples;
        CHECK(slice.source == "perf_event");
    }
    CHECK(samples == sumOf(soakTotals(0, kSoakSeconds)));
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    CHECK(db.queryInt("SELECT count(*) FROM profile_slices WHERE tier_ms = 0") == kept);
    // The first minute is read from its minute row; a range inside it counts the whole minute.
    CHECK(totals(store.profile(id, 0, 60'000)) == soakTotals(0, 60));
    CHECK(totals(store.profile(id, 10'000, 20'000)) == soakTotals(0, 60));
}

TEST_CASE("a profile range read at minute boundaries merges minute rows, not the seconds inside them") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    const std::int64_t id = storeSoak(file);
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    std::size_t merged = 0;
    // Seconds of the last hour are still stored, yet whole minutes come from the minute tier.
    CHECK(totals(run_store_profiles::readProfile(db, id, 170 * 60'000, 172 * 60'000, &merged)) ==
          soakTotals(170 * 60, 172 * 60));
    CHECK(merged == 2);
    CHECK(totals(run_store_profiles::readProfile(db, id, 170 * 60'000 + 30'000, 172 * 60'000, &merged)) ==
          soakTotals(170 * 60 + 30, 172 * 60));
    CHECK(merged == 31);
    run_store_profiles::readProfile(db, id, INT64_MIN, INT64_MAX, &merged);
    CHECK(merged == 1); // the run's so-far row
    run_store_profiles::readProfile(db, id, 3'540'000, 7'260'000, &merged);
    CHECK(merged == 3); // a minute, an hour, a minute
}

TEST_CASE("a long profiled run reads whole from one row while it runs, after it ends and after a resume") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    // Running, 2.5 hours in: the first two hours are one row, the open hour its minutes and seconds.
    const std::int64_t running = storeSoak(file, 9030, false);
    std::size_t merged = 0;
    {
        SqliteDb db(file, SQLITE_OPEN_READONLY);
        CHECK(totals(run_store_profiles::readProfile(db, running, INT64_MIN, INT64_MAX, &merged)) ==
              soakTotals(0, 9030));
        CHECK(merged == 1 + 30 + 30);
        CHECK(db.queryInt("SELECT end_ms FROM profile_slices WHERE tier_ms = -1") == 7'200'000);
        // A range starting after the run's first slice does not hold the so-far row.
        CHECK(totals(run_store_profiles::readProfile(db, running, 60'000, 9'030'000)) ==
              soakTotals(60, 9030));
    }
    // Aborted, then resumed and finished at 4 hours: the row is rebuilt from the hours, each counted once.
    {
        RunStore store(file);
        store.finishRun(running, RunStatus::Aborted, "{}", 9'030'000);
        store.resumeRun(running);
        for (std::int64_t t = 9030; t < 4 * 3600; ++t)
            store.appendProfile(running, t * 1000, t * 1000 + 1000, "perf_event", soakSecond(t));
        store.finishRun(running, RunStatus::Passed, "{}", 4 * 3'600'000);
    }
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    CHECK(db.queryInt("SELECT count(*) FROM profile_slices WHERE tier_ms = -1") == 1);
    CHECK(tierSamples(db, running, run_store_profiles::kRunTierMs) == sumOf(soakTotals(0, 4 * 3600)));
    CHECK(totals(run_store_profiles::readProfile(db, running, 0, 4 * 3'600'000, &merged)) ==
          soakTotals(0, 4 * 3600));
    CHECK(merged == 1);
}

TEST_CASE("a profiled run of one hour or less keeps no so-far row") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    const std::int64_t id = storeSoak(file, 3600);
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    CHECK(db.queryInt("SELECT count(*) FROM profile_slices WHERE tier_ms = -1") == 0);
    std::size_t merged = 0;
    CHECK(totals(run_store_profiles::readProfile(db, id, INT64_MIN, INT64_MAX, &merged)) ==
          soakTotals(0, 3600));
    CHECK(merged == 1);
}

TEST_CASE("a running profiled run reads its open minute and hour from its seconds") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    const std::int64_t id = storeSoak(file, 150, false);
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    std::size_t merged = 0;
    CHECK(totals(run_store_profiles::readProfile(db, id, INT64_MIN, INT64_MAX, &merged)) ==
          soakTotals(0, 150));
    CHECK(merged == 2 + 30);
}

TEST_CASE("a resumed profiled run goes on filling the minute and hour it was closed in") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    std::int64_t id = 0;
    {
        RunStore store(file);
        id = store.beginRun("profiled", TestKind::Load, "{}", 0);
        for (std::int64_t t = 0; t < 90; ++t)
            store.appendProfile(id, t * 1000, t * 1000 + 1000, "perf_event", soakSecond(t));
        // Without duration: kept as appended, in no tier, counted once.
        store.appendProfile(id, 75'000, 75'000, "perf_event", profileOf({{{"main", "instant"}, 9}}));
        store.finishRun(id, RunStatus::Aborted, "{}", 90'000);
    }
    {
        RunStore store(file);
        store.resumeRun(id);
        for (std::int64_t t = 90; t < 200; ++t)
            store.appendProfile(id, t * 1000, t * 1000 + 1000, "perf_event", soakSecond(t));
        store.finishRun(id, RunStatus::Passed, "{}", 200'000);
    }
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    CHECK(db.queryInt("SELECT count(*) FROM profile_slices WHERE tier_ms = 60000") == 4);
    CHECK(db.queryInt("SELECT count(*) FROM profile_slices WHERE tier_ms = 3600000") == 1);
    CHECK(tierSamples(db, id, kHourTierMs) == sumOf(soakTotals(0, 200)));
    CHECK(tierSamples(db, id, kMinuteTierMs) == sumOf(soakTotals(0, 200)));
    auto minuteOne = soakTotals(60, 120);
    minuteOne["||main;instant"] = 9;
    CHECK(totals(run_store_profiles::readProfile(db, id, 60'000, 120'000)) == minuteOne);
    CHECK(run_store_profiles::readProfile(db, id, INT64_MIN, INT64_MAX).totalSamples() ==
          sumOf(soakTotals(0, 200)) + 9);
}

// Tests of RunStore's profile slices: round trips, time-range merges, the schema upgrade and write failures.
#include "model/run_store.h"
#include "store_fixture.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <csignal>
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

} // namespace

TEST_CASE("a stored profile slice reads back with its names, counts, threads and engines") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const std::int64_t id = store.beginRun("profiled", "load", "{}");
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
    const std::int64_t id = store.beginRun("profiled", "load", "{}");
    const std::int64_t other = store.beginRun("other", "load", "{}");
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
    const std::int64_t id = store.beginRun("profiled", "load", "{}");
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
        id = store.beginRun("before profiles", "load", "{}");
        store.finishRun(id, "passed", "{}");
    }
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db,
                             "DROP TABLE profile_slices; DROP TABLE profile_names; PRAGMA user_version = 2;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    CHECK_THROWS_WITH(RunStore(file, RunStore::Mode::ReadOnly), Catch::Contains("store schema 2"));
    RunStore store(file);
    CHECK(store.run(id)->status == "passed");
    CHECK(store.profileSlices(id).empty());
    store.appendProfile(id, 0, 1000, "imported", profileOf({{{"main", "work"}, 4}}));
    store.flush();
    CHECK(dump(store.profile(id)) == "||main;work 4\n");
}

TEST_CASE("a profile slice the writer cannot store surfaces as a StoreError, and later slices are stored") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const std::int64_t id = store.beginRun("ok", "load", "{}");
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
        id = store.beginRun("filled the disk", "load", "{}");
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

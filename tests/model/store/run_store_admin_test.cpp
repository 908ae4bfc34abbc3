// Tests of RunStore's history keeping (model/store/run_store_admin.cpp): rename, delete, baseline mark, and
// the upgrade of version 2 files that had no baseline column.
#include "model/store/run_store.h"
#include "model/store/sqlite_db.h"
#include "tests/model/store_fixture.h"
#include "tests/widgets/stored_run.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <memory>
#include <unistd.h>

using namespace perflab;
using perflab::test::StoreDir;

namespace {

std::int64_t rowsOf(const std::filesystem::path& file, const std::string& table, std::int64_t runId) {
    SqliteDb db(file, SQLITE_OPEN_READONLY);
    SqliteStatement count(db, ("SELECT count(*) FROM " + table + " WHERE run_id = ?1").c_str());
    count.bind(1, runId);
    REQUIRE(count.step());
    return count.integer(0);
}

// What `action` wrote to stderr (fd 2, where the store reports what it could not write).
template <class Action> std::string stderrOf(const std::filesystem::path& scratch, Action action) {
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int file = ::open(scratch.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ::dup2(file, 2);
    action();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(file);
    std::ifstream in(scratch);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("a renamed run keeps its rows under the new name, and an empty name or unknown run is refused") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto id = test::writeStoredRun(store, 20);
    store.renameRun(id, "knowledge after the planner fix");
    CHECK(store.run(id)->name == "knowledge after the planner fix");
    CHECK(store.intervals(id).size() == 20);
    CHECK_THROWS_WITH(store.renameRun(id, ""), Catch::Contains("not empty"));
    CHECK_THROWS_WITH(store.renameRun(99, "x"), Catch::Contains("no run 99"));
}

TEST_CASE(
    "deleting a run removes its seconds, histograms, rollups, events and profile slices, and only its") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    RunStore store(file);
    const auto gone = test::writeStoredRun(store, 30);
    const auto kept = test::writeStoredRun(store, 30);
    store.addEvent(gone, {.tsMs = test::kRunStartMs, .kind = EventKind::Stage, .message = "ramp"});
    store.addEvent(kept, {.tsMs = test::kRunStartMs, .kind = EventKind::Stage, .message = "ramp"});
    Profile profile;
    profile.addStack(std::vector<std::string_view>{"main", "work"}, 3);
    for (const auto id : {gone, kept})
        store.appendProfile(id, test::kRunStartMs, test::kRunStartMs + 1000, "perf_event", profile);
    store.flush();
    REQUIRE(rowsOf(file, "rollups", gone) > 0);
    REQUIRE(rowsOf(file, "histograms", gone) > 0);

    store.deleteRun(gone);
    CHECK_FALSE(store.run(gone));
    for (const char* table :
         {"intervals", "histograms", "rollups", "events", "profile_slices", "profile_names"}) {
        INFO(table);
        CHECK(rowsOf(file, table, gone) == 0);
        CHECK(rowsOf(file, table, kept) > 0);
    }
    CHECK(store.runs().size() == 1);
    CHECK_THROWS_WITH(store.deleteRun(gone), Catch::Contains("no run " + std::to_string(gone)));
}

TEST_CASE("a run that is still running cannot be deleted, and the message says to stop it first") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto id = test::writeStoredRun(store, 5, RunStatus::Running);
    CHECK_THROWS_WITH(store.deleteRun(id), Catch::Contains("is still running: stop it before deleting it"));
    CHECK(store.run(id));
    CHECK(store.intervals(id).size() == 5);
}

TEST_CASE("one run per store is the baseline: marking another moves the mark") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto first = test::writeStoredRun(store, 5);
    const auto second = test::writeStoredRun(store, 5);
    CHECK_FALSE(store.baselineRun());
    store.markBaseline(first);
    CHECK(store.baselineRun() == first);
    CHECK(store.run(first)->baseline);
    store.markBaseline(second);
    CHECK(store.baselineRun() == second);
    CHECK_FALSE(store.run(first)->baseline);
    CHECK_THROWS_WITH(store.markBaseline(42), Catch::Contains("no run 42"));
    CHECK(store.baselineRun() == second);
    store.clearBaseline();
    CHECK_FALSE(store.baselineRun());

    SECTION("deleting the baseline leaves the store without one") {
        store.markBaseline(first);
        store.deleteRun(first);
        CHECK_FALSE(store.baselineRun());
    }
}

TEST_CASE("a store of schema 2 gains the baseline column when a writer opens it, keeping its runs") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    const std::int64_t id = test::writeStoredRun(file, 10);
    {
        SqliteDb db(file, SQLITE_OPEN_READWRITE);
        db.exec("ALTER TABLE runs DROP COLUMN baseline; PRAGMA user_version = 2");
    }
    CHECK_THROWS_WITH(RunStore(file, RunStore::Mode::ReadOnly), Catch::Contains("store schema 2"));
    RunStore store(file);
    CHECK(store.run(id)->name == "analytics optimized under load");
    store.markBaseline(id);
    CHECK(store.baselineRun() == id);
    CHECK(store.intervals(id).size() == 10);
}

TEST_CASE("a read-only store refuses to rename, delete or mark runs") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    const std::int64_t id = test::writeStoredRun(file, 5);
    RunStore reader(file, RunStore::Mode::ReadOnly);
    CHECK_THROWS_AS(reader.renameRun(id, "x"), StoreError);
    CHECK_THROWS_AS(reader.deleteRun(id), StoreError);
    CHECK_THROWS_AS(reader.markBaseline(id), StoreError);
    CHECK(reader.run(id));
}

TEST_CASE("a store that only renamed runs closes at once while another process writes, and reports no loss") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    const auto id = test::writeStoredRun(file, 3);
    auto store = std::make_unique<RunStore>(file);
    store->renameRun(id, "renamed from the History page");
    SqliteDb writer(file, SQLITE_OPEN_READWRITE);
    writer.exec("BEGIN IMMEDIATE"); // a run's commit under way elsewhere

    const auto started = std::chrono::steady_clock::now();
    const std::string reported = stderrOf(dir.path() / "stderr.txt", [&] { store.reset(); });
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1)); // not the 5 s busy timeout
    CHECK(reported.empty());
    writer.exec("COMMIT");
    CHECK(RunStore(file, RunStore::Mode::ReadOnly).run(id)->name == "renamed from the History page");
}

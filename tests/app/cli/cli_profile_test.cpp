// perflab import-profile and export --format folded|speedscope, run as a user would: the stored profile
// comes back as it went in, speedscope files have the schema's shape, bad input is named with its line.
#include "model/profile/folded_stacks.h"
#include "model/store/run_store.h"
#include "tests/app/process.h"
#include "tests/model/speedscope_schema.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using perflab::RunStatus;
using perflab::TestKind;
using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

// What stackcollapse tools write, with the oddities they allow: CRLF, blank lines, UTF-8, spaces in names.
const std::string kFolded = "main;parse config;read file 12\r\n"
                            "\r\n"
                            "main;std::vector<int>::push_back(int&&);operator new(unsigned long) 7\r\n"
                            "main;naïve join ∘ scan 30\n"
                            "\n"
                            "[unknown];worker loop 1\n";

// Stacks and counts in the written order, one "a;b;c count" line each.
std::string canonical(const perflab::Profile& profile) {
    std::ostringstream out;
    perflab::writeFoldedStacks(profile, out);
    return out.str();
}

// Writes kFolded to app.folded and imports it into p.db with `options`; returns the run's id.
std::int64_t importFolded(const TempDir& dir, const std::string& options = "") {
    dir.write("app.folded", kFolded);
    const auto import = runPerflab("import-profile app.folded" + options + " --db p.db", dir);
    INFO(import.err);
    REQUIRE(import.exitCode == 0);
    return std::stoll(import.out);
}

// perflab export of run `id` of p.db; `options` holds the format, range and output.
perflab::test::ProcessResult exportProfile(const TempDir& dir, std::int64_t id, const std::string& options) {
    return runPerflab("export --run " + std::to_string(id) + " " + options + " --db p.db", dir);
}

} // namespace

TEST_CASE("an imported folded profile exports to folded with identical stacks and counts") {
    TempDir dir;
    const auto id = importFolded(dir, " --name 'checkout sample'");

    const auto exported = exportProfile(dir, id, "--format folded --out back.folded");
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);
    const std::string back = readFile(dir.path() / "back.folded");
    CHECK(back == canonical(perflab::parseFoldedStacks(kFolded)));
    CHECK(canonical(perflab::parseFoldedStacks(back)) == back);

    const perflab::RunStore store(dir.path() / "p.db", perflab::RunStore::Mode::ReadOnly);
    CHECK(store.run(id)->name == "checkout sample");
    const auto slices = store.profileSlices(id);
    REQUIRE(slices.size() == 1);
    CHECK(slices[0].source == "imported");
    CHECK(slices[0].samples == 50);
}

TEST_CASE("a stored profile exports to speedscope JSON with the shape the file-format schema requires") {
    TempDir dir;
    const auto id = importFolded(dir);
    const auto exported = exportProfile(dir, id, "--format speedscope --out s.json");
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);
    const auto file = nlohmann::json::parse(readFile(dir.path() / "s.json"));
    perflab::test::requireSpeedscopeShape(file);
    REQUIRE(file["profiles"].size() == 1);
    CHECK(file["profiles"][0]["name"] == "app.folded");
    CHECK(file["profiles"][0]["samples"].size() == 4);
    CHECK(file["profiles"][0]["endValue"] == 50);
}

TEST_CASE(
    "a malformed folded line is an error naming the file and the line, with exit 2, and stores nothing") {
    TempDir dir;
    dir.write("bad.folded", "main;a 3\n\nmain;b three\n");
    const auto import = runPerflab("import-profile bad.folded --db p.db", dir);
    CHECK(import.exitCode == 2);
    CHECK(import.err.find("bad.folded:3:") != std::string::npos);
    CHECK(import.err.find("'three'") != std::string::npos);
    CHECK(import.out.empty());
    const auto runs = runPerflab("runs --json --db p.db", dir);
    CHECK(nlohmann::json::parse(runs.out).empty());

    const auto missing = runPerflab("import-profile nowhere.folded --db p.db", dir);
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("nowhere.folded") != std::string::npos);
}

TEST_CASE("exporting the profile of a run that has none is an error saying so") {
    TempDir dir;
    const auto id = importFolded(dir);
    std::int64_t bare = 0;
    {
        perflab::RunStore store(dir.path() / "p.db");
        bare = store.beginRun("unprofiled", TestKind::Load, "{}");
        store.finishRun(bare, RunStatus::Passed, "{}");
    }
    const auto none = exportProfile(dir, bare, "--format folded --out x");
    CHECK(none.exitCode == 2);
    CHECK(none.err.find("has no profile") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "x"));

    const auto late = exportProfile(dir, id, "--format folded --from 60 --to 90 --out x");
    CHECK(late.exitCode == 2);
    CHECK(late.err.find("no profile samples between 60 s and 90 s") != std::string::npos);
}

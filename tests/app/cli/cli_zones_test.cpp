// perflab run records the engines' zones: the summary's zones section and the --trace Chrome trace file.
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>

using nlohmann::json;
using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

std::string scenario(const std::string& profile) {
    return R"({"name": "zones", "kind": "load",
               "target": {"engine": "orchestrator", "variant": "optimized", "via": "call"},
               "workload": {"model": "virtual-users", "threads": 1,
                            "stages": [{"duration": "2s", "target": 1}]},
               "slo": {"p95_ms": 100000})" +
           profile + "}";
}

std::set<std::string> zoneNames(const json& zones) {
    std::set<std::string> names;
    for (const json& zone : zones)
        names.insert(zone.at("name").get<std::string>());
    return names;
}

} // namespace

TEST_CASE(
    "a run with profile enabled and a trace file summarizes the engine's zones and writes their trace") {
    TempDir dir;
    dir.write("s.json", scenario(R"(, "profile": {"hz": 99})"));
    const auto run =
        runPerflab("run s.json --db runs.db --summary-json summary.json --trace trace.json --quiet", dir);
    INFO(run.err);
    REQUIRE(std::filesystem::exists(dir.path() / "summary.json"));
    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    INFO(summary.dump());
    REQUIRE(run.exitCode == 0);

    REQUIRE(summary.contains("zones"));
    const json& engine = summary["zones"].at("orchestrator.optimized");
    const std::set<std::string> expected{
        "orchestrator.optimized", "orchestrator.parse",    "orchestrator.copy_cluster", "orchestrator.place",
        "orchestrator.sort",      "orchestrator.best_fit", "orchestrator.report"};
    CHECK(zoneNames(engine) == expected);
    const json& execute = engine.at(0); // largest inclusive time first
    CHECK(execute["name"] == "orchestrator.optimized");
    CHECK(execute["count"].get<std::uint64_t>() == summary["requests"].get<std::uint64_t>());
    for (const json& zone : engine) {
        CHECK(zone["count"].get<std::uint64_t>() ==
              execute["count"].get<std::uint64_t>()); // once per request
        CHECK(zone["self_ms"].get<double>() <= zone["inclusive_ms"].get<double>());
        CHECK(zone["inclusive_ms"].get<double>() <= execute["inclusive_ms"].get<double>());
    }

    const json trace = json::parse(readFile(dir.path() / "trace.json"));
    CHECK(trace["displayTimeUnit"] == "ms");
    const json& events = trace.at("traceEvents");
    CHECK(events.size() <= 7 * execute["count"].get<std::size_t>()); // each thread keeps its newest spans
    std::set<std::string> traced;
    for (const json& event : events) {
        CHECK(event["ph"] == "X");
        CHECK(event["cat"] == "orchestrator");
        CHECK(event["dur"].get<double>() >= 0);
        traced.insert(event["name"].get<std::string>());
    }
    CHECK(traced == expected);
}

TEST_CASE("a run without profile or trace records no zones") {
    TempDir dir;
    dir.write("s.json", scenario(""));
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --quiet", dir);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK_FALSE(json::parse(readFile(dir.path() / "summary.json")).contains("zones"));
}

// perflab run on an engine's request mix: the real executable, in process and through a real engine server.
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>

using nlohmann::json;
using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

json runEngine(TempDir& dir, const std::string& via, const std::string& requests) {
    dir.write("s.json", R"({"name": "mix", "kind": "load",
        "target": {"engine": "orchestrator", "variant": "optimized", "via": ")" +
                            via + "\"" + requests + R"(},
        "workload": {"model": "virtual-users", "threads": 2, "stages": [{"duration": "2s", "target": 2}]},
        "slo": {"min_successful_requests": 1}})");
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --metrics off", dir);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    return json::parse(readFile(dir.path() / "summary.json"));
}

} // namespace

TEST_CASE("an engine's mix is counted by request shape, in process and over HTTP, adding up to the run") {
    for (const std::string via : {"call", "http"}) {
        INFO(via);
        TempDir dir;
        const json summary = runEngine(dir, via, "");
        CHECK(summary["comparison_target"] == "orchestrator via " + via + ", mix");
        const json& parts = summary.at("endpoints");
        CHECK(parts.size() >= 3); // the mix's shapes that were drawn: most of them in a couple of seconds
        std::uint64_t requests = 0;
        std::set<std::string> names;
        for (const json& part : parts) {
            requests += part.at("requests").get<std::uint64_t>();
            names.insert(part.at("name").get<std::string>());
        }
        CHECK(names.size() == parts.size());
        CHECK(requests == summary.at("requests").get<std::uint64_t>());
    }
}

TEST_CASE("an engine target asking for its sample sends one request, counted as the part named sample") {
    TempDir dir;
    const json summary = runEngine(dir, "call", R"(, "requests": "sample")");
    CHECK(summary["comparison_target"] == "orchestrator via call, sample");
    REQUIRE(summary.at("endpoints").size() == 1);
    CHECK(summary["endpoints"][0]["name"] == "sample");
    CHECK(summary["endpoints"][0]["requests"] == summary["requests"]);
}

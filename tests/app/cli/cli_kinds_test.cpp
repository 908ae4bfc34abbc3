// Test kinds end to end: a stress run finds its breaking point and stops there, a spike run times its
// recovery, both as run events and in the summary JSON; and a target's timeout cuts slow answers short.
#include "model/store/run_store.h"
#include "tests/app/process.h"
#include "tests/load/test_http_server.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace std::chrono_literals;
using nlohmann::json;
using perflab::EventKind;
using perflab::RunEvent;
using perflab::RunStore;
using perflab::load::testing::TestHttpServer;
using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

// An open-model run against a server answering in 20 ms, with at most 2 requests in flight: the
// generator side can carry at most 100 req/s, a capacity the test knows.
std::string scenario(const std::string& kind, const std::string& url, const std::string& stages) {
    return R"({"name": ")" + kind + R"(", "kind": ")" + kind + R"(", "target": {"url": ")" + url +
           R"("}, "workload": {"model": "arrival-rate", "threads": 1, "max_vus": 2, "stages": )" + stages +
           R"(}, "slo": {"p95_ms": 1000, "max_error_rate": 0.5, "min_rpm": 0, "max_cpu_percent": 100,
                         "max_memory_percent": 100}})";
}

std::vector<RunEvent> eventsOf(const TempDir& dir, EventKind kind) {
    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    std::vector<RunEvent> events = store.events(1);
    std::erase_if(events, [&](const RunEvent& e) { return e.kind != kind; });
    return events;
}

} // namespace

TEST_CASE("a stress run stops at the step it cannot carry and reports the step before it as sustainable") {
    TestHttpServer server({.delay = 20ms});
    TempDir dir;
    dir.write("s.json", scenario("stress", server.url(), R"([
        {"duration": "1s", "target": 25}, {"duration": "2s", "target": 25},
        {"duration": "1s", "target": 50}, {"duration": "2s", "target": 50},
        {"duration": "1s", "target": 200}, {"duration": "2s", "target": 200},
        {"duration": "1s", "target": 400}, {"duration": "20s", "target": 400}])"));
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --metrics off", dir);
    INFO(run.err);
    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    INFO(summary.dump(2));
    REQUIRE(summary.contains("stress"));
    CHECK(summary["stress"]["unit"] == "req/s");
    CHECK(summary["stress"]["breaking_point"] == 200);
    CHECK(summary["stress"]["last_sustainable"] == 50);
    CHECK(summary["stress"]["breaking_reason"].get<std::string>().find("short of the offered 200") !=
          std::string::npos);
    CHECK(summary["duration_s"].get<double>() < 12); // the 400 req/s step never ran its 20 s
    CHECK(eventsOf(dir, EventKind::StressStep).size() == 3);
    REQUIRE(eventsOf(dir, EventKind::BreakingPoint).size() == 1);
    CHECK(eventsOf(dir, EventKind::LastSustainable).size() == 1);
    CHECK(run.out.find("breaking point 200 req/s") != std::string::npos);
}

TEST_CASE("a spike run reports the spike and the time the target took to recover from it") {
    TestHttpServer server({.delay = 20ms});
    TempDir dir;
    dir.write("s.json", scenario("spike", server.url(), R"([
        {"duration": "3s", "target": 20}, {"duration": "100ms", "target": 400}, {"duration": "2s", "target": 400},
        {"duration": "100ms", "target": 20}, {"duration": "5s", "target": 20}])"));
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --metrics off", dir);
    INFO(run.err);
    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    INFO(summary.dump(2));
    REQUIRE(summary.contains("spike"));
    CHECK(summary["spike"]["recovered"] == true);
    CHECK(summary["spike"]["recovery_s"].get<double>() <= 2);
    CHECK(summary["dropped_sends"].get<std::uint64_t>() >
          0); // the spike was more than 2 in flight could carry
    REQUIRE(eventsOf(dir, EventKind::Spike).size() == 1);
    CHECK(eventsOf(dir, EventKind::Spike)[0].message.find("from 20 to 400") != std::string::npos);
    CHECK(eventsOf(dir, EventKind::Recovered).size() == 1);
}

TEST_CASE("a target's timeout turns answers slower than it into timeout errors") {
    TestHttpServer server({.delay = 400ms});
    TempDir dir;
    dir.write("s.json", R"({"name": "timeouts", "kind": "load", "target": {"url": ")" + server.url() +
                            R"(", "timeout": "100ms"}, "workload": {"model": "virtual-users", "threads": 1,
                            "stages": [{"duration": "1s", "target": 2}]}, "slo": {"p95_ms": 1000}})");
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --metrics off", dir);
    INFO(run.err);
    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    INFO(summary.dump(2));
    CHECK(summary["errors"].get<std::uint64_t>() >= 10); // 2 users, a try every ~100 ms
    CHECK(summary["errors_by_kind"]["timeout"] == summary["errors"]);
    CHECK(summary["latency_ms"]["max"].get<double>() < 300);
}

// Degraded answers (served from a fallback) through everything a run touches: the recorder, the store, the
// summary and the CSV count them apart from successes and errors, exactly.
#include "model/format/exporters.h"
#include "model/results/summary.h"
#include "model/store/run_store.h"
#include "tests/load/run_helpers.h"
#include "tests/load/test_http_server.h"
#include "tests/model/store_fixture.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace perflab;
using namespace perflab::load;
using namespace perflab::load::testing;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kStaleAgeMs = 2'500;

// Every third call is answered from a fallback kStaleAgeMs old; every seventh fails outright.
class DegradingEngine : public FakeEngine {
public:
    engines::Response execute(std::string_view request) override {
        const std::uint64_t call = ++m_seen;
        if (call % 7 == 0) {
            ++m_failed;
            return {.status = 503, .body = "{}"};
        }
        if (call % 3 == 0) {
            ++m_degraded;
            return {.status = 200, .body = std::string(request), .staleAgeMs = kStaleAgeMs};
        }
        return FakeEngine::execute(request);
    }
    std::uint64_t seen() const noexcept { return m_seen.load(); }
    std::uint64_t degraded() const noexcept { return m_degraded.load(); }
    std::uint64_t failed() const noexcept { return m_failed.load(); }

private:
    std::atomic<std::uint64_t> m_seen{0};
    std::atomic<std::uint64_t> m_degraded{0};
    std::atomic<std::uint64_t> m_failed{0};
};

// The value of `column` in the CSV's first data row.
std::string csvField(const std::string& csv, const std::string& column) {
    std::istringstream lines(csv);
    std::string header, row;
    std::getline(lines, header);
    std::getline(lines, row);
    std::istringstream names(header), values(row);
    for (std::string name, value; std::getline(names, name, ',') && std::getline(values, value, ',');)
        if (name == column)
            return value;
    FAIL("no column " << column << " in " << header);
    return {};
}

} // namespace

TEST_CASE("an engine's degraded answers are counted apart, exactly, in the store, the summary and the CSV") {
    DegradingEngine engine;
    ResolvedTarget target;
    target.engine = &engine;
    target.engineRequests = {{.shape = 0, .body = "{}"}};
    target.engineThreads = 2;
    LatencyRecorder recorder(2, 1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 4, 300ms, 2), target, recorder);
    RunResult run = runToEnd(runner, recorder);
    REQUIRE(engine.seen() > 30);
    REQUIRE(run.interval.counts.requests == engine.seen());
    CHECK(run.interval.counts.degraded == engine.degraded());
    CHECK(run.interval.counts.errors == engine.failed());
    CHECK(run.interval.counts.successes() == engine.seen() - engine.degraded() - engine.failed());
    CHECK(run.interval.latency.count() == run.interval.counts.successes()); // no stale answer in latency
    CHECK(run.interval.staleAge.count() == engine.degraded());

    test::StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    run.interval.startMs = 1'700'000'000'000;
    const std::int64_t id = store.beginRun("degraded", TestKind::Load, "{}", run.interval.startMs);
    store.append(id, run.interval);
    store.finishRun(id, RunStatus::Passed, "{}", run.interval.startMs + 1000);
    const std::vector<IntervalRow> rows = store.intervals(id);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].counts.degraded == engine.degraded());
    CHECK(rows[0].counts.errors == engine.failed());
    CHECK(rows[0].staleAge.max == Approx(kStaleAgeMs).epsilon(0.001));

    Scenario scenario;
    scenario.target.engine = EngineTarget{.engine = "fake", .variant = "test", .via = Via::Call, .body = {}};
    RunTotals totals;
    totals.add(run.interval);
    const nlohmann::json summary = nlohmann::json::parse(toJson(totals.summarize(id, scenario, false)));
    CHECK(summary.at("degraded").get<std::uint64_t>() == engine.degraded());
    CHECK(summary.at("errors").get<std::uint64_t>() == engine.failed());
    CHECK(summary.at("degraded_rate").get<double>() ==
          Approx(static_cast<double>(engine.degraded()) / static_cast<double>(engine.seen())));
    for (const char* figure : {"mean", "p95", "max"})
        CHECK(summary.at("stale_age_ms").at(figure).get<double>() == Approx(kStaleAgeMs).epsilon(0.001));
    CHECK(summary.at("endpoints").at(0).at("degraded").get<std::uint64_t>() == engine.degraded());

    std::ostringstream csv;
    writeCsv(csv, rows);
    CHECK(csvField(csv.str(), "degraded") == std::to_string(engine.degraded()));
    CHECK(std::stod(csvField(csv.str(), "stale_age_max_ms")) == Approx(kStaleAgeMs).epsilon(0.001));
}

TEST_CASE("an HTTP service's answers marked Warning 110 are counted degraded with their Age as stale age") {
    TestHttpServer server({.extraHeaders = "Warning: 110 - \"Response is Stale\"\r\nAge: 42\r\n"});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 2, 200ms, 1), httpTarget(server.url()),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    REQUIRE(run.interval.counts.requests == server.requests());
    REQUIRE(server.requests() > 0);
    CHECK(run.interval.counts.degraded == server.requests());
    CHECK(run.interval.counts.successes() == 0);
    CHECK(run.interval.counts.errors == 0);
    CHECK(run.interval.staleAge.min() == Approx(42'000'000).epsilon(0.001)); // µs
    CHECK(run.interval.staleAge.max() == Approx(42'000'000).epsilon(0.001));
}

// The stock dependency-failure scenario end to end under a compressed clock: the optimized integration engine
// rides out a 20 s upstream outage on its fallback, the baseline shows the errors, and the run's events tell
// when the fault and the breaker changed.
#include "model/store/run_store.h"
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using nlohmann::json;
using perflab::EventKind;
using perflab::RunEvent;
using perflab::RunStore;
using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

// 60 s of run time in 5 real seconds; the outage is 20 s to 40 s of the run's clock.
constexpr double kTimeScale = 12;

struct Outcome {
    json summary;
    std::vector<RunEvent> events;
    std::int64_t startedMs = 0;
    int exitCode = 0;

    // Seconds of the run's own clock at which the first event of `kind` containing `text` was stored.
    double secondOf(EventKind kind, const std::string& text) const {
        for (const RunEvent& event : events)
            if (event.kind == kind && event.message.find(text) != std::string::npos)
                return static_cast<double>(event.tsMs - startedMs) / 1000;
        FAIL("no " << toString(kind) << " event containing \"" << text << "\"");
        return -1;
    }
    std::size_t count(EventKind kind) const {
        return static_cast<std::size_t>(
            std::count_if(events.begin(), events.end(), [&](const RunEvent& e) { return e.kind == kind; }));
    }
};

Outcome runStockScenario(const std::string& variant) {
    std::string scenario =
        readFile(std::filesystem::path(PERFLAB_SOURCE_DIR) / "resources/scenarios/dependency-failure.json");
    const std::size_t at = scenario.find("\"optimized\"");
    REQUIRE(at != std::string::npos);
    scenario.replace(at, std::string("\"optimized\"").size(), "\"" + variant + "\"");
    TempDir dir;
    dir.write("df.json", scenario);
    const auto run = runPerflab("run df.json --db runs.db --summary-json summary.json --time-scale " +
                                    std::to_string(kTimeScale),
                                dir);
    INFO(run.err);
    Outcome outcome;
    outcome.summary = json::parse(readFile(dir.path() / "summary.json"));
    outcome.exitCode = run.exitCode;
    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    const auto id = outcome.summary["run_id"].get<std::int64_t>();
    outcome.events = store.events(id);
    outcome.startedMs = store.run(id)->startedMs;
    return outcome;
}

} // namespace

TEST_CASE("through a 20 s upstream outage the optimized integration engine keeps errors under 0.1 %") {
    const Outcome run = runStockScenario("optimized");
    INFO(run.summary.dump(2));
    CHECK(run.exitCode == 0);
    CHECK(run.summary["requests"].get<std::uint64_t>() > 1000);
    CHECK(run.summary["error_rate"].get<double>() < 0.001);

    CHECK(run.secondOf(EventKind::Fault, "started: upstream-outage") == Approx(20).margin(1));
    CHECK(run.secondOf(EventKind::Fault, "ended: upstream-outage") == Approx(40).margin(1));
    const double opened = run.secondOf(EventKind::Breaker, "closed -> open");
    CHECK(opened >= 20);
    CHECK(opened < 22);
    const double closed = run.secondOf(EventKind::Breaker, "half-open -> closed");
    CHECK(closed >= 40);
    CHECK(closed < 40 + 2 * kTimeScale); // within two real seconds: the breaker's cool-down is one
}

TEST_CASE("the same outage shows as errors on the baseline, which has no fallback and no breaker") {
    const Outcome run = runStockScenario("baseline");
    INFO(run.summary.dump(2));
    CHECK(run.exitCode == 1); // the error-rate SLO fails
    CHECK(run.summary["errors"].get<std::uint64_t>() > 0);
    CHECK(run.summary["error_rate"].get<double>() > 0.05);
    CHECK(run.secondOf(EventKind::Fault, "started: upstream-outage") == Approx(20).margin(1));
    CHECK(run.count(EventKind::Fault) == 2);
    CHECK(run.count(EventKind::Breaker) == 0);
}

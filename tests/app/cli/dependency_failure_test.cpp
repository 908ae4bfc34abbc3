// The stock dependency-failure scenario end to end under a compressed clock: the optimized integration engine
// rides out a 20 s upstream outage on its fallback (its answers counted degraded, with their age), the
// baseline shows the errors, and the run's events tell when the fault and the breaker changed.
#include "model/store/run_store.h"
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
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

// 60 s of run time in 20 real seconds; the outage is 20 s to 40 s of the run's clock. The engine's item cache
// and its breaker keep real time: 1 s of either is 3 s of the run's clock.
constexpr double kTimeScale = 3;

// Requests, errors and degraded answers over the stored seconds that lie within [from, to) of the run's clock
// (a stored second lasts one real second: kTimeScale seconds of the run's clock).
struct Stretch {
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::uint64_t degraded = 0;
    double errorShare() const { return requests ? static_cast<double>(errors) / requests : 0; }
    double degradedShare() const { return requests ? static_cast<double>(degraded) / requests : 0; }
};

struct Outcome {
    json summary;
    std::vector<perflab::IntervalRow> seconds;
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
    Stretch stretch(double from, double to) const {
        Stretch out;
        for (const perflab::IntervalRow& row : seconds) {
            const double at = static_cast<double>(row.startMs - startedMs) / 1000;
            const double length = static_cast<double>(row.durationMs) * kTimeScale / 1000; // real ms stored
            if (at >= from && at + length <= to + 0.1) {
                out.requests += row.counts.requests;
                out.errors += row.counts.errors;
                out.degraded += row.counts.degraded;
            }
        }
        return out;
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
    outcome.seconds = store.intervals(id);
    outcome.startedMs = store.run(id)->startedMs;
    return outcome;
}

} // namespace

TEST_CASE("through a 20 s outage the optimized integration engine answers degraded, not with errors") {
    const Outcome run = runStockScenario("optimized");
    INFO(run.summary.dump(2));
    REQUIRE(run.summary["requests"].get<std::uint64_t>() > 1000);
    CHECK(run.exitCode == (run.summary["status"] == "passed" ? 0 : 1)); // the status and the exit agree

    // Before the outage and after the breaker closed again: every answer fresh, none degraded, no error.
    for (const Stretch& healthy : {run.stretch(6, 19), run.stretch(44, 60)}) {
        CHECK(healthy.requests > 100);
        CHECK(healthy.errors == 0);
        CHECK(healthy.degraded == 0);
    }
    // Once the items fetched before it are past their 1 s freshness, every answer is the fallback's or an
    // error, and the errors are the requests naming an item never fetched before the outage, with no answer
    // to fall back on: at most the requests of the mix never drawn before it. Each user draws uniformly from
    // the mix's 4,096, so after N draws a share of about exp(-N / 4096) was never drawn.
    const Stretch outage = run.stretch(24, 39);
    CHECK(outage.degraded + outage.errors == outage.requests);
    const double neverDrawn = std::exp(-static_cast<double>(run.stretch(-1e9, 20).requests) / 4096);
    CHECK(outage.errorShare() <= neverDrawn + 0.01);
    CHECK(outage.degradedShare() >= 1 - neverDrawn - 0.01);
    // The summary's figures are the seconds' figures added up. The oldest fallback answer is at least as old
    // as the outage (less the cache's 1 s), and no older than the run at the outage's end (an item fetched
    // once at the start); the ages are real milliseconds.
    const Stretch whole = run.stretch(-1e9, 1e9);
    CHECK(run.summary["requests"] == whole.requests);
    CHECK(run.summary["degraded"] == whole.degraded);
    CHECK(run.summary["errors"] == whole.errors);
    const double staleMaxMs = run.summary["stale_age_ms"]["max"];
    CHECK(staleMaxMs >= 20'000 / kTimeScale - 1000);
    CHECK(staleMaxMs <= 40'000 / kTimeScale + 1000);

    CHECK(run.secondOf(EventKind::Fault, "started: upstream-outage") == Approx(20).margin(1));
    CHECK(run.secondOf(EventKind::Fault, "ended: upstream-outage") == Approx(40).margin(1));
    const double opened = run.secondOf(EventKind::Breaker, "closed -> open");
    CHECK(opened >= 20);
    CHECK(opened < 20 + 2 * kTimeScale);
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
    CHECK(run.summary["degraded"] == 0); // it has nothing to fall back on
    CHECK(run.stretch(22, 39).errorShare() == 1.0);
    CHECK(run.secondOf(EventKind::Fault, "started: upstream-outage") == Approx(20).margin(1));
    CHECK(run.count(EventKind::Fault) == 2);
    CHECK(run.count(EventKind::Breaker) == 0);
}

// A soak end to end under a compressed clock: an engine told to leak is caught by the summary's verdict.
#include "model/store/run_store.h"
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using nlohmann::json;
using perflab::RunStore;
using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

// 12 simulated hours at 20 requests a second, each keeping 256 KiB: ~7.5 MB per simulated hour at 2400×, well
// clear of the RSS noise of a slowed-down sanitizer build.
const std::string kLeakySoak = R"({"name": "leaky soak", "kind": "soak",
  "target": {"engine": "analytics", "variant": "optimized", "via": "call", "leak_kb_per_request": 256},
  "workload": {"model": "arrival-rate", "threads": 2,
               "stages": [{"duration": "1m", "target": 20}, {"duration": "12h", "target": 20}]},
  "slo": {}})";

} // namespace

TEST_CASE("a 12-hour soak compressed into 18 seconds finds the leak the engine was told to make") {
    TempDir dir;
    dir.write("soak.json", kLeakySoak);
    const auto run =
        runPerflab("run soak.json --db runs.db --summary-json summary.json --time-scale 2400", dir);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.find("memory trend   leak") != std::string::npos);
    CHECK((run.out + run.err).find("(soak, 12 h 01 min 00 s)") !=
          std::string::npos); // the plan, as people read it

    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    INFO(summary.dump(2));
    const double realSeconds = summary["duration_s"].get<double>(); // real: throughput stays real
    CHECK(realSeconds >= 17);
    CHECK(realSeconds < 30);                            // slow requests drain after the last stage
    CHECK(summary["throughput_rps"].get<double>() > 5); // not divided by the time scale
    const json& leak = summary["leak"];
    CHECK(leak["verdict"] == "leak");
    CHECK(leak["slope_mb_per_h"].get<double>() > 1);
    CHECK(leak["ci_high_mb_per_h"].get<double>() >= leak["slope_mb_per_h"].get<double>());
    CHECK(leak["ci_low_mb_per_h"].get<double>() > 0);
    CHECK(leak["rss_new_highs"].get<int>() >= 3);
    CHECK(leak["hours_to_memory_limit"].get<double>() > 0);

    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    const auto rows = store.intervals(summary["run_id"].get<std::int64_t>());
    REQUIRE(rows.size() >= 15);
    const double storedHours = static_cast<double>(rows.back().startMs - rows.front().startMs) / 3.6e6;
    CHECK(storedHours >= 11.5); // the stored timeline is the simulated one
    CHECK(storedHours == Approx(realSeconds * 2400 / 3600).margin(1));
    CHECK(rows[3].durationMs == Approx(1000).margin(100));
}

TEST_CASE("a time scale below 1 is bad usage that names the option") {
    TempDir dir;
    dir.write("soak.json", kLeakySoak);
    const auto run = runPerflab("run soak.json --db runs.db --time-scale 0.5", dir);
    CHECK(run.exitCode == 2);
    CHECK(run.err.find("--time-scale") != std::string::npos);
}

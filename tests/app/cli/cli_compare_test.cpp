// perflab compare end to end: the real executable against a store holding runs of known shapes.
#include "model/store/run_store.h"
#include "tests/app/process.h"
#include "tests/widgets/compared_runs.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::RunShape;
using perflab::test::TempDir;

namespace {

struct Store {
    std::int64_t baseline = 0;
    std::int64_t faster = 0;  // 5x the throughput at half the latency
    std::int64_t slower = 0;  // same throughput, latency 30 % up
    std::int64_t similar = 0; // within 2 % of the baseline
};

Store writeRuns(const TempDir& dir) {
    perflab::RunStore store(dir.path() / "runs.db");
    Store s;
    s.baseline = writeShapedRun(store, RunShape{"knowledge baseline", 1000, 1.0, 5, 40});
    s.faster = writeShapedRun(store, RunShape{"knowledge optimized", 5000, 0.5, 5, 60});
    s.slower = writeShapedRun(store, RunShape{"knowledge slower", 1000, 1.3, 5, 40});
    s.similar = writeShapedRun(store, RunShape{"knowledge again", 1010, 1.01, 5, 41});
    return s;
}

std::string compare(std::int64_t baseline, std::int64_t candidate) {
    return "compare --db runs.db --baseline " + std::to_string(baseline) + " --candidate " +
           std::to_string(candidate);
}

} // namespace

TEST_CASE("compare prints each figure's change and the verdict, and exits 1 only on a regression") {
    TempDir dir;
    const Store s = writeRuns(dir);

    SECTION("5x the throughput at half the latency is an improvement") {
        const auto result = runPerflab(compare(s.baseline, s.faster), dir);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 0);
        CHECK(result.out.find("throughput x5.00") != std::string::npos);
        CHECK(result.out.find("verdict: improved (tolerance 5 %)") != std::string::npos);
        CHECK(result.out.find("throughput req/s") != std::string::npos);
        CHECK(result.out.find("+400.0 %  better") != std::string::npos);
        CHECK(result.out.find("peak CPU %") != std::string::npos);
        CHECK(result.out.find("+50.0 %  higher (not judged)") != std::string::npos);
    }
    SECTION("30 % more latency is a regression, exit 1") {
        const auto result = runPerflab(compare(s.baseline, s.slower), dir);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 1);
        CHECK(result.out.find("verdict: regression (tolerance 5 %)") != std::string::npos);
        CHECK(result.out.find("worse") != std::string::npos);
    }
    SECTION("a 1 % difference is no change, but a regression at a tolerance of 0.5 %") {
        const auto same = runPerflab(compare(s.baseline, s.similar), dir);
        INFO(same.out << same.err);
        CHECK(same.exitCode == 0);
        CHECK(same.out.find("verdict: no change (tolerance 5 %)") != std::string::npos);
        const auto strict = runPerflab(compare(s.baseline, s.similar) + " --tolerance 0.5", dir);
        CHECK(strict.exitCode == 1);
        CHECK(strict.out.find("verdict: regression (tolerance 0.5 %)") != std::string::npos);
    }
}

TEST_CASE("compare --json writes the same figures and verdict under stable keys") {
    TempDir dir;
    const Store s = writeRuns(dir);
    const auto result = runPerflab(compare(s.baseline, s.faster) + " --json cmp.json", dir);
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto json = nlohmann::json::parse(readFile(dir.path() / "cmp.json"));
    CHECK(json["verdict"] == "improved");
    CHECK(json["tolerance_percent"] == 5.0);
    CHECK(json["throughput_ratio"].get<double>() == Approx(5.0));
    CHECK(json["baseline"]["run_id"] == s.baseline);
    CHECK(json["baseline"]["name"] == "knowledge baseline");
    CHECK(json["candidate"]["run_id"] == s.faster);
    CHECK(json["candidate"]["requests"] == 150150); // 5,000 successes and 5 errors a second
    for (const char* key : {"throughput_rps", "latency_mean_ms", "latency_p95_ms", "latency_p99_ms",
                            "error_rate", "cpu_percent_max", "memory_percent_max", "rss_mib_max"}) {
        INFO(key);
        REQUIRE(json["figures"].contains(key));
        for (const char* field : {"baseline", "candidate", "change_percent", "judged", "change"})
            CHECK(json["figures"][key].contains(field));
    }
    const auto& p95 = json["figures"]["latency_p95_ms"];
    CHECK(p95["change_percent"].get<double>() == Approx(-50).margin(1));
    CHECK(p95["change"] == "better");
    CHECK(json["figures"]["throughput_rps"]["candidate"].get<double>() == Approx(5000));
    CHECK(json["figures"]["cpu_percent_max"]["judged"] == false);
}

TEST_CASE("compare names an unknown run, a missing store or a bad tolerance and exits 2") {
    TempDir dir;
    const Store s = writeRuns(dir);
    const auto unknown = runPerflab(compare(s.baseline, 77), dir);
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("no run 77 in runs.db") != std::string::npos);
    const auto noStore = runPerflab("compare --db none.db --baseline 1 --candidate 2", dir);
    CHECK(noStore.exitCode == 2);
    CHECK(noStore.err.find("no store at none.db") != std::string::npos);
    const auto badTolerance = runPerflab(compare(s.baseline, s.faster) + " --tolerance five", dir);
    CHECK(badTolerance.exitCode == 2);
    CHECK(badTolerance.err.find("--tolerance: expected a percentage from 0 to 1000, got \"five\"") !=
          std::string::npos);
    const auto noCandidate = runPerflab("compare --db runs.db --baseline 1", dir);
    CHECK(noCandidate.exitCode == 2);
    CHECK(noCandidate.err.find("--candidate is required") != std::string::npos);
    const auto help = runPerflab("compare --help", dir);
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--tolerance PCT") != std::string::npos);
}

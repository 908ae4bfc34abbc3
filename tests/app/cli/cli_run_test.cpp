// perflab run / runs / export end to end: the real executable, a real engine server on 127.0.0.1, a real
// SQLite file.
#include "model/metrics/base64.h"
#include "model/store/run_store.h"
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>
#include <sstream>

using nlohmann::json;
using perflab::EventKind;
using perflab::RunStatus;
using perflab::RunStore;
using perflab::test::LoopbackListener;
using perflab::test::readFile;
using perflab::test::runCommand;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

std::string scenario(const std::string& target, const std::string& stages, const std::string& slo) {
    return R"({"name": "e2e", "kind": "load", "target": )" + target +
           R"(, "workload": {"model": "virtual-users", "threads": 2, "stages": )" + stages + R"(}, "slo": )" +
           slo + "}";
}

const std::string kEngineOverHttp = R"({"engine": "analytics", "variant": "optimized", "via": "http"})";
const std::string kEngineInProcess = R"({"engine": "analytics", "variant": "optimized", "via": "call"})";
const std::string kThreeSeconds = R"([{"duration": "3s", "target": 2}])";
const std::string kOneSecond = R"([{"duration": "1s", "target": 1}])";
// Short runs of a user or two: a verdict on what they send, not on the default 100 successes.
const std::string kLenientSlo = R"({"p95_ms": 5000, "max_error_rate": 0.01, "min_successful_requests": 1})";

std::size_t lineCount(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// What HistogramLogProcessor's .hgrm says: the values of its percentile rows just below and at or above 99 %
// (it prints its own percentile ticks, not exactly 0.99), and the total count of its closing line.
struct ReferencePercentiles {
    double below99 = 0;
    double above99 = 0;
    std::uint64_t totalCount = 0;
};

ReferencePercentiles readHgrm(const std::string& text) {
    ReferencePercentiles ref;
    bool above = false;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (const auto at = line.find("Total count"); at != std::string::npos) {
            ref.totalCount = std::stoull(line.substr(line.find('=', at) + 1));
            continue;
        }
        double value = 0;
        double percentile = 0;
        std::istringstream row(line);
        if (line.starts_with("#") || !(row >> value >> percentile))
            continue;
        if (percentile < 0.99)
            ref.below99 = value;
        else if (!above) {
            ref.above99 = value;
            above = true;
        }
    }
    return ref;
}

} // namespace

TEST_CASE(
    "a 3-second run against the engine server over HTTP stores a row per second and a matching summary") {
    TempDir dir;
    dir.write("s.json", scenario(kEngineOverHttp, kThreeSeconds, kLenientSlo));
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --junit junit.xml", dir);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.err.find("req/s") != std::string::npos); // the per-second progress line
    CHECK(run.out.find("passed") != std::string::npos);

    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    CHECK(summary["status"] == "passed");
    CHECK(summary["passed"] == true);
    CHECK(summary["errors"] == 0);
    CHECK(summary["duration_s"].get<double>() == Approx(3.0).margin(0.3));
    const auto requests = summary["requests"].get<std::uint64_t>();
    CHECK(requests > 10);
    CHECK(summary["latency_ms"]["p95"].get<double>() > 0);
    CHECK(summary["latency_ms"]["p50"].get<double>() <= summary["latency_ms"]["p99"].get<double>());
    CHECK(summary["throughput_rps"].get<double>() == Approx(requests / summary["duration_s"].get<double>()));

    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    const auto stored = store.run(summary["run_id"].get<std::int64_t>());
    REQUIRE(stored);
    CHECK(stored->status == RunStatus::Passed);
    const auto rows = store.intervals(stored->id);
    CHECK(rows.size() >= 3);
    const auto rowRequests =
        std::accumulate(rows.begin(), rows.end(), std::uint64_t{0},
                        [](std::uint64_t sum, const auto& r) { return sum + r.counts.requests; });
    CHECK(rowRequests == requests); // every request lands in exactly one second
    CHECK(rows[1].latency.p95 > 0);
    CHECK(rows[1].resources.processRssBytes > 0);
    CHECK(readFile(dir.path() / "junit.xml").find("<testcase classname=\"perflab.slo\" name=\"p95_ms\"") !=
          std::string::npos);

    SECTION("runs lists it and export writes its rows as CSV and its summary as JSON") {
        const auto list = runPerflab("runs --db runs.db --json", dir);
        REQUIRE(list.exitCode == 0);
        CHECK(json::parse(list.out)[0]["status"] == "passed");

        const auto id = std::to_string(stored->id);
        REQUIRE(
            runPerflab("export --run " + id + " --format csv --out rows.csv --db runs.db", dir).exitCode ==
            0);
        const auto csv = readFile(dir.path() / "rows.csv");
        CHECK(csv.starts_with("ts_ms,elapsed_s,duration_ms,requests,errors,throughput_rps"));
        CHECK(lineCount(csv) == rows.size() + 1);

        REQUIRE(
            runPerflab("export --run " + id + " --format json --out s2.json --db runs.db", dir).exitCode ==
            0);
        CHECK(json::parse(readFile(dir.path() / "s2.json")) == summary);
    }

    SECTION("export writes an HdrHistogram log whose corrected histograms hold every request") {
        REQUIRE(runPerflab("export --run " + std::to_string(stored->id) +
                               " --format hlog --out run.hlog --db runs.db",
                           dir)
                    .exitCode == 0);
        std::istringstream log(readFile(dir.path() / "run.hlog"));
        std::uint64_t logged = 0;
        for (std::string line; std::getline(log, line);) {
            if (line.starts_with("#") || line.starts_with("\"") || line.starts_with("Tag="))
                continue;
            logged +=
                perflab::Histogram::decode(perflab::base64Decode(line.substr(line.rfind(',') + 1))).count();
        }
        CHECK(logged == requests);
    }

    SECTION("the reference HdrHistogram tool reads the export: its total count is the summary's requests and "
            "its percentile rows around 99 % bracket the summary's p99") {
        REQUIRE(runPerflab("export --run " + std::to_string(stored->id) +
                               " --format hlog --out run.hlog --db runs.db",
                           dir)
                    .exitCode == 0);
        // Its default options, but for milliseconds out (the log holds microseconds).
        const auto tool = runCommand("timeout 120 java -cp /usr/share/java/hdrhistogram.jar "
                                     "org.HdrHistogram.HistogramLogProcessor -i run.hlog -o ref "
                                     "-outputValueUnitRatio 1000",
                                     dir);
        INFO(tool.err);
        REQUIRE(tool.exitCode == 0);
        const ReferencePercentiles ref = readHgrm(readFile(dir.path() / "ref.hgrm"));
        CHECK(ref.totalCount == requests);
        const double p99 = summary["latency_ms"]["p99"].get<double>();
        INFO("summary p99 " << p99 << " ms, reference rows " << ref.below99 << " .. " << ref.above99
                            << " ms");
        // The tool prints three decimals of a millisecond.
        CHECK(ref.below99 - 0.0005 <= p99);
        CHECK(p99 <= ref.above99 + 0.0005);
    }
}

TEST_CASE("a scenario with an unknown key exits 2 and names the key") {
    TempDir dir;
    dir.write("bad.json", R"({"name": "x", "kind": "load", "target": {"url": "http://127.0.0.1:9/"},
        "workload": {"model": "virtual-users", "stagez": []}})");
    const auto run = runPerflab("run bad.json --db runs.db", dir);
    CHECK(run.exitCode == 2);
    CHECK(run.err.find("workload.stagez") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "runs.db")); // nothing started, nothing written
}

TEST_CASE("a dead target fails in the summary, the store and the exit code, with no throughput or latency") {
    TempDir dir;
    // Even with the error budget dropped, a run that never got an answer is no pass.
    dir.write("s.json", scenario(R"({"url": "http://127.0.0.1:1/"})", R"([{"duration": "2s", "target": 2}])",
                                 R"({"p95_ms": 5000, "max_error_rate": null})"));
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --quiet", dir);
    CHECK(run.exitCode == 1);
    CHECK(run.err.find("the target never answered") != std::string::npos);
    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    CHECK(summary["status"] == "failed");
    CHECK(summary["passed"] == false);
    CHECK(summary["verdict_reason"].get<std::string>().find("connect") != std::string::npos);
    CHECK(summary["requests"].get<std::uint64_t>() > 0);
    CHECK(summary["throughput_rps"].get<double>() == 0);
    CHECK(summary["attempted_rps"].get<double>() > 0);
    CHECK(summary["latency_ms"]["p95"].get<double>() == 0);
    CHECK(summary["failure_time_ms"]["p95"].get<double>() > 0);
    const auto runs = RunStore(dir.path() / "runs.db", RunStore::Mode::ReadOnly).runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs.front().status == RunStatus::Failed);
}

TEST_CASE("a host that does not resolve exits 3 before a run begins, naming the host") {
    TempDir dir;
    dir.write("s.json", scenario(R"({"url": "http://no-such-host.invalid:8080/"})",
                                 R"([{"duration": "1s", "target": 1}])", kLenientSlo));
    // In a network namespace of its own the lookup fails at once and no query leaves the machine.
    const auto run =
        runPerflab("run s.json --db runs.db --quiet", dir, "timeout 60 unshare --user --map-root-user --net");
    CHECK(run.exitCode == 3);
    CHECK(run.err.find("cannot resolve host 'no-such-host.invalid'") != std::string::npos);
    CHECK(run.err.find("nothing was sent") != std::string::npos);
    CHECK(RunStore(dir.path() / "runs.db", RunStore::Mode::ReadOnly).runs().empty());
}

TEST_CASE("a failed SLO exits 1 and the JUnit file carries the failure with its value") {
    TempDir dir;
    dir.write("s.json", scenario(kEngineOverHttp, R"([{"duration": "1s", "target": 1}])",
                                 R"({"p95_ms": 0.001, "min_successful_requests": 1})"));
    const auto run = runPerflab("run s.json --db runs.db --junit junit.xml --quiet", dir);
    CHECK(run.exitCode == 1);
    const auto junit = readFile(dir.path() / "junit.xml");
    CHECK(junit.find("failures=\"1\"") != std::string::npos);
    CHECK(junit.find("<failure message=\"p95_ms: measured") != std::string::npos);
}

TEST_CASE("SIGINT from timeout stops a run gracefully: exit 4, status stopped, the seconds so far kept") {
    TempDir dir;
    dir.write("s.json", scenario(kEngineOverHttp, R"([{"duration": "60s", "target": 1}])", kLenientSlo));
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json", dir,
                                "timeout -s INT --preserve-status 3");
    INFO(run.err);
    CHECK(run.exitCode == 4);
    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    CHECK(summary["status"] == "stopped");
    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    CHECK(store.run(summary["run_id"])->status == RunStatus::Stopped);
    CHECK(store.intervals(summary["run_id"]).size() >= 1);
}

TEST_CASE(
    "a SIGINT delivered twice at once (as timeout does) is one graceful stop, even with requests hanging") {
    // A target that accepts connections and never answers: a graceful stop waits for its requests.
    const LoopbackListener listener;
    const std::string silent = R"({"url": "http://127.0.0.1:)" + std::to_string(listener.port()) + R"(/"})";

    TempDir dir;
    // Exit status of a background run that receives two SIGINTs 10 ms apart after 2 s, as `timeout`
    // delivers one (to the process, then to its group) on a busy machine.
    auto exitAfterTwoSigints = [&](const std::string& target) {
        dir.write("s.json",
                  scenario(target,
                           R"([{"duration": "100ms", "target": 1}, {"duration": "60s", "target": 1}])",
                           kLenientSlo));
        const std::string command =
            "cd '" + dir.path().string() +
            "' && { '" PERFLAB_BINARY_DIR
            "/bin/perflab' run s.json --db runs.db --quiet 2> err.txt & pid=$!; sleep 2; "
            "kill -INT $pid; sleep 0.01; kill -INT $pid 2> /dev/null; wait $pid; echo $? > rc.txt; }";
        REQUIRE(std::system(command.c_str()) == 0);
        return std::stoi(readFile(dir.path() / "rc.txt"));
    };
    CHECK(exitAfterTwoSigints(kEngineOverHttp) == 4);
    CHECK(exitAfterTwoSigints(silent) == 4);
}

TEST_CASE("abort_on_breach stops a run at its first failing window after grace: exit 3, status aborted, "
          "a slo-breach event") {
    TempDir dir;
    dir.write("s.json", scenario(R"({"engine": "analytics", "variant": "optimized"})",
                                 R"([{"duration": "1s", "target": 2}, {"duration": "60s", "target": 2}])",
                                 R"({"p95_ms": 5000, "windows": [{"over": "2s", "p95_ms": 0.001}],
                                     "abort_on_breach": true, "grace": "1s"})"));
    const auto run = runPerflab("run s.json --db runs.db --summary-json summary.json --junit junit.xml "
                                "--metrics off --quiet",
                                dir);
    INFO(run.err);
    CHECK(run.exitCode == 3);
    CHECK(run.err.find("perflab: aborted: SLO breach: p95_ms over 2s: ") != std::string::npos);

    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    CHECK(summary["status"] == "aborted");
    CHECK(summary["duration_s"].get<double>() < 5);
    CHECK(summary["abort_reason"].get<std::string>().starts_with("SLO breach: p95_ms over 2s"));
    const json& window = summary["slos"][2]; // after the whole run's p95_ms and max_error_rate
    CHECK(window["window_s"] == 2);
    CHECK(window["pass"] == false);
    CHECK(window["breached_at_s"].get<double>() == Approx(2.0).margin(0.5));
    CHECK(readFile(dir.path() / "junit.xml").find("name=\"p95_ms over 2s\"") != std::string::npos);

    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    CHECK(store.run(summary["run_id"])->status == RunStatus::Aborted);
    const auto events = store.events(summary["run_id"]);
    const auto hasEvent = [&](EventKind kind, const std::string& start) {
        return std::any_of(events.begin(), events.end(), [&](const perflab::RunEvent& e) {
            return e.kind == kind && e.message.starts_with(start);
        });
    };
    CHECK(hasEvent(EventKind::SloBreach, "p95_ms over 2s: "));
    CHECK(hasEvent(EventKind::Aborted, "SLO breach: p95_ms over 2s: "));
}

TEST_CASE("exporting a run that does not exist exits 2 and names it") {
    TempDir dir;
    dir.write("s.json", scenario(kEngineOverHttp, R"([{"duration": "1s", "target": 1}])", kLenientSlo));
    REQUIRE(runPerflab("run s.json --db runs.db --quiet", dir).exitCode == 0);
    const auto run = runPerflab("export --run 99 --format csv --out x.csv --db runs.db", dir);
    CHECK(run.exitCode == 2);
    CHECK(run.err.find("no run 99") != std::string::npos);
    CHECK(runPerflab("export --run 1 --format pdf --out x --db runs.db", dir).exitCode == 2);
}

TEST_CASE("a port alone for --metrics serves on 127.0.0.1, not on every interface, and warns of nothing") {
    TempDir dir;
    dir.write("s.json", scenario(kEngineInProcess, kOneSecond, kLenientSlo));
    const std::string port = std::to_string(LoopbackListener().port());
    const auto run = runPerflab("run s.json --db runs.db --metrics " + port, dir);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.err.find("metrics at http://127.0.0.1:" + port + "/metrics") != std::string::npos);
    CHECK(run.err.find("warning") == std::string::npos);
}

TEST_CASE("metrics bound beyond loopback are warned about on stderr and in the run's events") {
    TempDir dir;
    dir.write("s.json", scenario(kEngineInProcess, kOneSecond, kLenientSlo));
    // In a network namespace of its own, 0.0.0.0 reaches no other machine while the test runs.
    const auto run = runPerflab("run s.json --db runs.db --metrics 0.0.0.0:0", dir,
                                "timeout 60 unshare --user --map-root-user --net");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    const std::string warning =
        "the Prometheus metrics endpoint at 0.0.0.0:0 is reachable from other machines";
    CHECK(run.err.find("perflab: warning: " + warning) != std::string::npos);
    const RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    const auto events = store.events(store.runs().front().id);
    CHECK(std::any_of(events.begin(), events.end(), [&](const perflab::RunEvent& e) {
        return e.kind == perflab::EventKind::Warning && e.message.starts_with(warning);
    }));
}

TEST_CASE("perflab serve on an address beyond loopback warns that the engine server has no authentication") {
    TempDir dir;
    const auto serve = runPerflab("serve --listen 0.0.0.0:0 --metrics off", dir,
                                  "timeout -s INT --preserve-status 3 unshare --user --map-root-user --net");
    INFO(serve.err);
    CHECK(serve.exitCode == 0);
    CHECK(serve.err.find("perflab: warning: the engine server at 0.0.0.0:0 is reachable from other machines "
                         "(not a loopback address): it has no authentication") != std::string::npos);
    const auto loopback =
        runPerflab("serve --listen 127.0.0.1:0 --metrics off", dir, "timeout -s INT --preserve-status 3");
    CHECK(loopback.err.find("warning") == std::string::npos);
}

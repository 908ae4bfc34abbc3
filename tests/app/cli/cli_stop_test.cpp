// perflab run under stop signals, as a terminal, `timeout`, a supervisor or the window sends them: the first
// SIGINT or SIGTERM stops a run gracefully (status stopped, exit 4), a second one aborts it (status aborted,
// exit 3); the store, the summary JSON and the exit code agree.
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
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

std::string scenario(const std::string& target, const std::string& duration) {
    return R"({"name": "stop signals", "kind": "load", "target": )" + target +
           R"(, "workload": {"threads": 2, "stages": [{"duration": "200ms", "target": 2}, {"duration": ")" +
           duration + R"(", "target": 2}]}, "slo": {"p95_ms": 5000, "min_rpm": 60, "max_error_rate": 0.01,
           "min_successful_requests": 1}})";
}

const std::string kInProcess = R"({"engine": "analytics", "variant": "optimized"})";

struct Signalled {
    int exitCode = -1;
    long long lastSignalToExitMs = 0; // from the last signal sent until the process ended
    std::string err;
};

// Runs s.json in the background and sends it `signals` (a shell fragment using $pid) after 2 s.
Signalled runSignalled(const TempDir& dir, const std::string& signals) {
    const std::string command =
        "cd '" + dir.path().string() +
        "' && { '" PERFLAB_BINARY_DIR
        "/bin/perflab' run s.json --db runs.db --summary-json summary.json --metrics off --quiet 2> err.txt "
        "& pid=$!; sleep 2; " +
        signals +
        "; t0=$(date +%s%N); wait $pid; rc=$?; t1=$(date +%s%N); echo $rc $(( (t1 - t0) / 1000000 )) > "
        "rc.txt; }";
    REQUIRE(std::system(command.c_str()) == 0);
    Signalled result;
    std::istringstream(readFile(dir.path() / "rc.txt")) >> result.exitCode >> result.lastSignalToExitMs;
    result.err = readFile(dir.path() / "err.txt");
    return result;
}

const json* sloNamed(const json& summary, const std::string& name) {
    for (const json& slo : summary["slos"])
        if (slo["name"] == name)
            return &slo;
    return nullptr;
}

bool hasEvent(const RunStore& store, std::int64_t runId, EventKind kind, const std::string& message) {
    const auto events = store.events(runId);
    return std::any_of(events.begin(), events.end(),
                       [&](const perflab::RunEvent& e) { return e.kind == kind && e.message == message; });
}

} // namespace

TEST_CASE(
    "one SIGINT stops a run gracefully: status stopped, exit 4, the SLOs judged over the seconds that ran") {
    TempDir dir;
    dir.write("s.json", scenario(kInProcess, "60s"));
    const Signalled run = runSignalled(dir, "kill -INT $pid");
    INFO(run.err);
    CHECK(run.exitCode == 4);
    CHECK(run.err.find("perflab: stopping: ") != std::string::npos);
    CHECK(run.err.find("a second SIGINT or SIGTERM aborts") != std::string::npos);

    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    CHECK(summary["status"] == "stopped");
    CHECK(summary["passed"] == true);
    CHECK(summary.count("abort_reason") == 0);
    const double seconds = summary["duration_s"];
    CHECK(seconds > 1);
    CHECK(seconds < 10); // of a 60 s plan
    const json* rpm = sloNamed(summary, "min_rpm");
    REQUIRE(rpm);
    // Judged over what ran: the requests per minute of the seconds measured, not spread over the plan.
    CHECK((*rpm)["value"].get<double>() ==
          Approx(summary["requests"].get<double>() / seconds * 60).epsilon(0.01));
    CHECK((*rpm)["pass"] == true);

    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    const std::int64_t id = summary["run_id"];
    CHECK(store.run(id)->status == RunStatus::Stopped);
    CHECK(json::parse(store.run(id)->summaryJson)["status"] == "stopped");
    const auto rows = store.intervals(id);
    CHECK(std::accumulate(rows.begin(), rows.end(), std::uint64_t{0}, [](std::uint64_t sum, const auto& row) {
              return sum + row.counts.requests;
          }) == summary["requests"].get<std::uint64_t>());
    CHECK(hasEvent(store, id, EventKind::Stopped, "stopped by request"));
}

TEST_CASE("a second stop signal aborts at once, cutting the drain short: status aborted, exit 3") {
    // A target that accepts connections and never answers: a graceful stop would wait 5 s for its requests.
    const LoopbackListener listener;
    const std::string silent = R"({"url": "http://127.0.0.1:)" + std::to_string(listener.port()) + R"(/"})";
    const auto [how, signals] = GENERATE(table<std::string, std::string>(
        {{"SIGINT, then SIGINT again a second later", "kill -INT $pid; sleep 1.2; kill -INT $pid"},
         {"SIGINT and SIGTERM together, as the window's Abort sends them",
          "kill -INT $pid; kill -TERM $pid"}}));
    INFO(how);
    TempDir dir;
    dir.write("s.json", scenario(silent, "60s"));
    const Signalled run = runSignalled(dir, signals);
    INFO(run.err);
    CHECK(run.exitCode == 3);
    CHECK(run.lastSignalToExitMs < 2500);
    CHECK(run.err.find("perflab: aborting: ") != std::string::npos);
    CHECK(run.err.find("perflab: aborted: by request") != std::string::npos);

    const json summary = json::parse(readFile(dir.path() / "summary.json"));
    CHECK(summary["status"] == "aborted");
    CHECK(summary["abort_reason"] == "by request");
    RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    const std::int64_t id = summary["run_id"];
    CHECK(store.run(id)->status == RunStatus::Aborted);
    CHECK(hasEvent(store, id, EventKind::Aborted, "by request"));
}

TEST_CASE("a stopped run can be resumed for what its plan has left") {
    TempDir dir;
    dir.write("s.json", scenario(kInProcess, "5s"));
    REQUIRE(runSignalled(dir, "kill -INT $pid").exitCode == 4);
    const json stopped = json::parse(readFile(dir.path() / "summary.json"));
    const auto again =
        runPerflab("run --resume 1 --db runs.db --summary-json resumed.json --metrics off --quiet", dir);
    INFO(again.err);
    CHECK(again.exitCode == 0);
    const json resumed = json::parse(readFile(dir.path() / "resumed.json"));
    CHECK(resumed["status"] == "passed");
    CHECK(resumed["duration_s"].get<double>() > stopped["duration_s"].get<double>() + 1);
    CHECK(RunStore(dir.path() / "runs.db", RunStore::Mode::ReadOnly).run(1)->status == RunStatus::Passed);
}

// `perflab serve --metrics`: the engine calls it serves show up on its Prometheus endpoint, scraped with
// curl.
#include "tests/app/process.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <regex>
#include <string>
#include <thread>

using perflab::test::LoopbackListener;
using perflab::test::readFile;
using perflab::test::TempDir;

namespace {

// curl's output for one request to 127.0.0.1; empty when nothing answers.
std::string curl(const TempDir& dir, const std::string& arguments) {
    const auto out = dir.path() / "curl.out";
    const std::string command = "curl -s --max-time 10 " + arguments + " > '" + out.string() + "'";
    return std::system(command.c_str()) == 0 ? readFile(out) : std::string();
}

// The value of the first sample of `series` (a name with its labels) in a scrape, or -1.
double sample(const std::string& scrape, const std::string& series) {
    const auto at = scrape.find("\n" + series + " ");
    return at == std::string::npos ? -1 : std::stod(scrape.substr(at + series.size() + 2));
}

} // namespace

TEST_CASE("perflab serve --metrics exports the engine calls it serves, by status class, and its process") {
    TempDir dir;
    const std::string listen = std::to_string(LoopbackListener().port());
    const std::string metrics = std::to_string(LoopbackListener().port());
    const std::string start =
        "cd '" + dir.path().string() +
        "' && { timeout 60 '" PERFLAB_BINARY_DIR "/bin/perflab' serve --listen 127.0.0.1:" + listen +
        " --metrics 127.0.0.1:" + metrics + " > serve.out 2> serve.err & echo $! > serve.pid; }";
    REQUIRE(std::system(start.c_str()) == 0);
    const int pid = std::stoi(readFile(dir.path() / "serve.pid"));
    struct Stop {
        int pid;
        ~Stop() { ::kill(pid, SIGINT); }
    } stop{pid};

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (curl(dir, "http://127.0.0.1:" + listen + "/health").empty() &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string engine = "http://127.0.0.1:" + listen + "/engines/analytics/optimized";
    for (int i = 0; i < 4; ++i)
        REQUIRE_THAT(curl(dir, "-d '{\"aggregates\":[\"count()\"]}' " + engine), Catch::Contains("count()"));
    REQUIRE_THAT(curl(dir, "-d '{\"aggregates\":[\"sum(nope)\"]}' " + engine),
                 Catch::Contains("unknown column"));

    // The exporter publishes a second once it is over.
    std::string scrape;
    const std::string success = R"(perflab_requests_total{outcome="success",target="engine-server"})";
    while (sample(scrape, success) < 4 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        scrape = curl(dir, "http://127.0.0.1:" + metrics + "/metrics");
    }
    INFO(scrape);
    CHECK(sample(scrape, success) == 4);
    CHECK(sample(scrape, R"(perflab_requests_total{outcome="http_4xx",target="engine-server"})") == 1);
    // The 4xx is counted by its outcome, not timed as a latency of the service.
    CHECK(sample(scrape, R"(perflab_request_duration_seconds_count{target="engine-server"})") == 4);
    CHECK(sample(scrape, "perflab_process_resident_memory_bytes") > 1e6);
    CHECK_THAT(scrape, Catch::Contains(R"(kind="serve")"));
    CHECK_THAT(readFile(dir.path() / "serve.err"), Catch::Contains("metrics at http://127.0.0.1:" + metrics));
}

// A real Prometheus server (Debian's `prometheus`) scrapes `perflab run --metrics` every second on
// loopback; its query API then answers over the run's latency histogram.
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>
#include <thread>

using nlohmann::json;
using perflab::test::LoopbackListener;
using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

// The Prometheus server for one test: started in `dir`, killed when the test ends.
class PrometheusServer {
public:
    PrometheusServer(const TempDir& dir, std::uint16_t scrapedPort)
        : m_port(LoopbackListener().port()) {
        dir.write("prometheus.yml", "global: { scrape_interval: 1s, scrape_timeout: 900ms }\n"
                                    "scrape_configs:\n"
                                    "  - job_name: perflab\n"
                                    "    static_configs: [ { targets: [ '127.0.0.1:" +
                                        std::to_string(scrapedPort) + "' ] } ]\n");
        const std::string command = "cd '" + dir.path().string() +
                                    "' && { timeout 120 prometheus --config.file=prometheus.yml "
                                    "--storage.tsdb.path=tsdb --web.listen-address=127.0.0.1:" +
                                    std::to_string(m_port) +
                                    " > prometheus.log 2>&1 & echo $! > prometheus.pid; }";
        REQUIRE(std::system(command.c_str()) == 0);
        m_pid = std::stoi(readFile(dir.path() / "prometheus.pid"));
    }
    ~PrometheusServer() { ::kill(m_pid, SIGTERM); }
    PrometheusServer(const PrometheusServer&) = delete;
    PrometheusServer& operator=(const PrometheusServer&) = delete;

    // GET on the server's HTTP API through curl; empty when it does not answer.
    std::string get(const std::string& pathAndQuery, const TempDir& dir) const {
        const auto out = dir.path() / "curl.out";
        const std::string command = "curl -s --max-time 5 -G 'http://127.0.0.1:" + std::to_string(m_port) +
                                    pathAndQuery + " > '" + out.string() + "'";
        return std::system(command.c_str()) == 0 ? readFile(out) : std::string();
    }

    // The answer of an instant query; fails the test unless Prometheus accepted the query.
    json query(const std::string& promql, const TempDir& dir) const {
        INFO(promql);
        const std::string body = get("/api/v1/query' --data-urlencode 'query=" + promql + "'", dir);
        REQUIRE_FALSE(body.empty());
        const json answer = json::parse(body);
        INFO(body);
        REQUIRE(answer.at("status") == "success");
        return answer;
    }

    // The single value an instant query returns.
    double scalar(const std::string& promql, const TempDir& dir) const {
        INFO(promql);
        const json answer = query(promql, dir);
        const auto& result = answer.at("data").at("result");
        REQUIRE(result.size() == 1);
        return std::stod(result[0].at("value")[1].get<std::string>());
    }

private:
    std::uint16_t m_port;
    int m_pid = 0;
};

} // namespace

TEST_CASE("a real Prometheus scrapes a run every second: up is 1 and the latency histogram answers queries") {
    TempDir dir;
    const std::uint16_t metricsPort = LoopbackListener().port();
    PrometheusServer prometheus(dir, metricsPort);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (prometheus.get("/-/ready'", dir).find("Ready") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE_THAT(prometheus.get("/-/ready'", dir), Catch::Contains("Ready"));
    // Prometheus applies new targets after a few seconds: wait for its first scrape (of nothing yet).
    const std::string firstScrape = "/api/v1/query' --data-urlencode 'query=up{job=\"perflab\"}'";
    while (prometheus.get(firstScrape, dir).find("\"result\":[{") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));

    dir.write("s.json", R"({"name": "scraped", "kind": "load",
        "target": {"engine": "analytics", "variant": "optimized", "via": "call"},
        "workload": {"model": "virtual-users", "threads": 1, "stages": [{"duration": "6s", "target": 1}]},
        "slo": {"p95_ms": 5000, "min_successful_requests": 1}})");
    const auto run =
        runPerflab("run s.json --db runs.db --metrics 127.0.0.1:" + std::to_string(metricsPort), dir);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK_THAT(run.err,
               Catch::Contains("metrics at http://127.0.0.1:" + std::to_string(metricsPort) + "/metrics"));

    CHECK(prometheus.scalar("max_over_time(up{job=\"perflab\"}[1m])", dir) == 1);
    const double requests = prometheus.scalar(
        "sum(max_over_time(perflab_requests_total{job=\"perflab\",outcome=\"success\"}[1m]))", dir);
    CHECK(requests > 0);
    const double p95 = prometheus.scalar(
        "histogram_quantile(0.95, sum by (le) (increase(perflab_request_duration_seconds_bucket[1m])))", dir);
    CHECK(p95 > 0);
    CHECK(p95 <= 5.0);
    CHECK(prometheus.scalar("count(max_over_time(perflab_run_info{kind=\"load\",name=\"scraped\"}[1m]))",
                            dir) == 1);

    // The shipped Grafana dashboard's queries are valid PromQL over these metrics.
    std::ifstream file(PERFLAB_SOURCE_DIR "/resources/grafana/perflab-dashboard.json");
    REQUIRE(file);
    const json dashboard = json::parse(file);
    for (const auto& panel : dashboard.at("panels"))
        for (const auto& target : panel.at("targets")) {
            std::string expr = target.at("expr");
            expr = std::regex_replace(expr, std::regex("\\$__rate_interval"), "1m");
            expr = std::regex_replace(expr, std::regex("\\$target"), ".*");
            prometheus.query(expr, dir);
        }
}

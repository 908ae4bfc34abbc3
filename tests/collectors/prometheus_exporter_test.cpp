// PrometheusExporter: what a scrape of /metrics shows after intervals are recorded, checked by promtool too.
#include "collectors/prometheus_exporter.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <string>

using namespace perflab;

namespace {

// GET /metrics over a plain loopback socket (HTTP/1.0: the server closes when done).
std::string scrape(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    const std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
    std::string response;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        response.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    const auto body = response.find("\r\n\r\n");
    REQUIRE(response.starts_with("HTTP/1.1 200"));
    REQUIRE(body != std::string::npos);
    return response.substr(body + 4);
}

// One second: 95 successes, 5 server errors and 3 answers from a fallback; 90 requests at 2 ms, 10 at 300 ms.
Interval second() {
    Interval in;
    in.startMs = 1'700'000'000'000;
    in.counts.requests = 103;
    in.counts.errors = 5;
    in.counts.degraded = 3;
    in.staleAge.record(4'000'000, 3);
    in.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] = 5;
    in.activeUsers = 8;
    in.counts.lateSends = 2;
    in.latency.record(2000, 90);
    in.latency.record(300'000, 10);
    in.resources.processCpuPercent = 35;
    in.resources.processRssBytes = 64 << 20;
    in.resources.threads = 12;
    in.resources.openFds = 345;
    return in;
}

void recordSecond(PrometheusExporter& exporter) {
    const Interval in = second();
    exporter.record(in, toRow(in));
}

// promtool's verdict on an exposition: empty when it is valid and lint-clean, else what it reports.
std::string promtoolProblems(const std::string& exposition) {
    char path[] = "/tmp/perflab-metrics-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, exposition.data(), exposition.size()) == static_cast<ssize_t>(exposition.size()));
    ::close(fd);
    FILE* pipe = ::popen(("promtool check metrics < " + std::string(path) + " 2>&1").c_str(), "r");
    REQUIRE(pipe);
    std::string output;
    char buffer[512];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        output.append(buffer, n);
    const int status = ::pclose(pipe);
    ::unlink(path);
    return status == 0 ? std::string() : "promtool exit " + std::to_string(status) + ": " + output;
}

} // namespace

TEST_CASE("a scrape shows the run's counters, SLO-aligned buckets, HDR percentiles and resources") {
    PrometheusExporter exporter("127.0.0.1:0");
    REQUIRE(exporter.port() > 0);
    exporter.startRun({.runId = 7, .name = "smoke", .kind = "load", .target = "analytics/optimized/call"});
    recordSecond(exporter);
    recordSecond(exporter);
    const std::string text = scrape(exporter.port());
    const std::string target = "target=\"analytics/optimized/call\"";

    CHECK_THAT(text, Catch::Contains("perflab_requests_total{outcome=\"success\"," + target + "} 190"));
    CHECK_THAT(text, Catch::Contains("perflab_requests_total{outcome=\"http_5xx\"," + target + "} 10"));
    CHECK_THAT(text, Catch::Contains("perflab_requests_total{outcome=\"degraded\"," + target + "} 6"));
    CHECK_THAT(text,
               Catch::Contains("perflab_request_duration_seconds_bucket{" + target + ",le=\"0.1\"} 180"));
    CHECK_THAT(text,
               Catch::Contains("perflab_request_duration_seconds_bucket{" + target + ",le=\"+Inf\"} 200"));
    CHECK_THAT(text, Catch::Contains("perflab_request_duration_seconds_count{" + target + "} 200"));
    CHECK_THAT(text, Catch::Contains("perflab_request_duration_percentile_seconds{percentile=\"99\"," +
                                     target + "} 0.3"));
    CHECK_THAT(text, Catch::Contains("perflab_late_sends_total{" + target + "} 4"));
    CHECK_THAT(text, Catch::Contains("perflab_active_users{" + target + "} 8"));
    CHECK_THAT(text, Catch::Contains("perflab_process_cpu_utilization_ratio 0.35"));
    CHECK_THAT(text, Catch::Contains("perflab_process_resident_memory_bytes 67108864"));
    CHECK_THAT(text, Catch::Contains("\nperflab_process_threads 12\n"));
    CHECK_THAT(text, Catch::Contains("\nperflab_process_open_fds 345\n"));
    CHECK_THAT(text, Catch::Contains("perflab_run_info{"));
    CHECK_THAT(text, Catch::Contains("run_id=\"7\""));
    CHECK(promtoolProblems(text).empty());
}

TEST_CASE("a busy or malformed metrics address is an error naming it") {
    PrometheusExporter first("127.0.0.1:0");
    const std::string busy = "127.0.0.1:" + std::to_string(first.port());
    CHECK_THROWS_WITH(PrometheusExporter(busy), Catch::Contains(busy) && Catch::Contains("in use"));
    CHECK_THROWS_AS(PrometheusExporter("not-an-address"), ExporterError);
}

TEST_CASE("every metric the shipped Grafana dashboard queries is one the exporter serves") {
    std::ifstream file(PERFLAB_SOURCE_DIR "/resources/grafana/perflab-dashboard.json");
    REQUIRE(file);
    const auto dashboard = nlohmann::json::parse(file);
    std::set<std::string> used;
    const std::regex metricName("perflab_[a-z_]+");
    for (const auto& panel : dashboard.at("panels"))
        for (const auto& target : panel.at("targets")) {
            const std::string expr = target.at("expr");
            for (std::sregex_iterator it(expr.begin(), expr.end(), metricName), end; it != end; ++it)
                used.insert(it->str());
        }
    REQUIRE(used.size() >= 10);

    PrometheusExporter exporter("127.0.0.1:0");
    exporter.startRun({.runId = 1, .name = "dashboard", .kind = "load", .target = "t"});
    recordSecond(exporter);
    const std::string text = scrape(exporter.port());
    for (const std::string& name : used) {
        INFO(name);
        CHECK_THAT(text, Catch::Contains("\n" + name + "{") || Catch::Contains("\n" + name + " "));
    }
}

TEST_CASE("the process under test's figures are series only while measured, the generator's beside them") {
    PrometheusExporter exporter("127.0.0.1:0");
    exporter.startRun({.runId = 8, .name = "split", .kind = "load", .target = "127.0.0.1:8080"});
    recordSecond(exporter); // a second that measured neither
    const std::string target = "{target=\"127.0.0.1:8080\"}";
    std::string text = scrape(exporter.port());
    CHECK_THAT(text, !Catch::Contains("perflab_target_cpu_utilization_ratio{") &&
                         !Catch::Contains("\nperflab_generator_cpu_utilization_ratio "));

    Interval in = second();
    in.resources.target = TargetPlacement::SeparateProcess;
    in.resources.generatorCpuPercent = 35;
    in.resources.targetCpuPercent = 20;
    in.resources.targetRssBytes = 128 << 20;
    exporter.record(in, toRow(in));
    text = scrape(exporter.port());
    CHECK_THAT(text, Catch::Contains("\nperflab_generator_cpu_utilization_ratio 0.35\n"));
    CHECK_THAT(text, Catch::Contains("\nperflab_target_cpu_utilization_ratio" + target + " 0.2\n"));
    CHECK_THAT(text, Catch::Contains("\nperflab_target_resident_memory_bytes" + target + " 134217728\n"));

    in.resources.targetCpuPercent.reset(); // the process exited: absent, not 0
    in.resources.targetRssBytes.reset();
    exporter.record(in, toRow(in));
    text = scrape(exporter.port());
    CHECK_THAT(text, !Catch::Contains("perflab_target_cpu_utilization_ratio{") &&
                         !Catch::Contains("perflab_target_resident_memory_bytes{"));
    CHECK_THAT(text, Catch::Contains("\nperflab_generator_cpu_utilization_ratio 0.35\n"));
}

// Utilization and fragmentation of a hand-built cluster, worked out by hand, and the median pod.
#include "engines/orchestrator/orchestrator_report.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace perflab::engines::orchestrator;

TEST_CASE("fragmentation is the share of free capacity on nodes that cannot hold the median pod") {
    // capacity cpu, memory; free cpu, memory
    const Cluster cluster{{{4'000, 16'384, 300, 1'000},   // too little CPU for the median pod: stranded
                           {8'000, 32'768, 2'000, 8'192}, // holds it
                           {4'000, 16'384, 0, 4'096}}};   // no CPU left: its memory is stranded
    const std::vector<Pod> pods{{250, 512}, {1'000, 4'096}, {500, 1'024}};
    const PlacementReport report = summarize(ClusterTotals(cluster), cluster, pods, {}, 0);
    CHECK(report.nodes == 3);
    CHECK(report.nodesUsed == 3);
    CHECK(report.utilization.cpu == Approx(13'700.0 / 16'000));
    CHECK(report.utilization.memory == Approx(52'248.0 / 65'536));
    CHECK(report.fragmentation.cpu == Approx(300.0 / 2'300));
    CHECK(report.fragmentation.memory == Approx((1'000.0 + 4'096) / 13'288));
}

TEST_CASE("an idle node counts as unused and a full cluster has no fragmentation") {
    const Cluster cluster{{{4'000, 16'384, 4'000, 16'384}, {4'000, 16'384, 0, 0}}};
    const PlacementReport report =
        summarize(ClusterTotals(cluster), cluster, std::vector<Pod>{{100, 100}}, {}, 0);
    CHECK(report.nodesUsed == 1);
    CHECK(report.fragmentation.cpu == 0);
    const Cluster full{{{4'000, 16'384, 0, 0}}};
    CHECK(summarize(ClusterTotals(full), full, std::vector<Pod>{{100, 100}}, {}, 0).fragmentation.cpu == 0);
}

TEST_CASE("the median pod takes the median CPU and the median memory request separately") {
    const std::vector<Pod> pods{{100, 4'096}, {2'000, 256}, {500, 1'024}, {250, 8'192}};
    const Pod median = medianPod(pods);
    CHECK(median.cpu == 500);
    CHECK(median.memory == 4'096);
}

TEST_CASE("the response names placements, node counts, utilization and fragmentation") {
    const Cluster cluster{{{4'000, 16'384, 2'000, 8'192}}};
    const auto body = nlohmann::json::parse(
        renderReport(summarize(ClusterTotals(cluster), cluster, std::vector<Pod>{{500, 512}}, {0}, 0)));
    CHECK(body["placements"] == nlohmann::json::parse("[0]"));
    CHECK(body["placed"] == 1);
    CHECK(body["nodes_used"] == 1);
    CHECK(body["utilization"]["cpu"] == 0.5);
    CHECK(body["fragmentation"]["memory"] == 0.0);
}

TEST_CASE("the response gives every placement and the exact shares of the report") {
    const Cluster cluster{
        {{4'000, 16'384, 300, 1'000}, {8'000, 32'768, 2'000, 8'192}, {4'000, 16'384, 0, 4'096}}};
    const std::vector<Pod> pods{{250, 512}, {1'000, 4'096}, {500, 1'024}};
    const PlacementReport report = summarize(ClusterTotals(cluster), cluster, pods, {2, 0, 1}, 0);
    const auto body = nlohmann::json::parse(renderReport(report));
    CHECK(body["placed"] == 3);
    CHECK(body["placements"] == nlohmann::json::parse("[2,0,1]"));
    CHECK(body["nodes"] == 3);
    CHECK(body["nodes_added"] == 0);
    CHECK(body["utilization"]["cpu"].get<double>() == report.utilization.cpu);
    CHECK(body["utilization"]["memory"].get<double>() == report.utilization.memory);
    CHECK(body["fragmentation"]["cpu"].get<double>() == report.fragmentation.cpu);
    CHECK(body["fragmentation"]["memory"].get<double>() == report.fragmentation.memory);
}

// The orchestrator's request mix: the same requests for both variants, every shape drawn, batch sizes as
// documented, and every pod of one request of each shape placed within capacity on the full cluster.
#include "engines/orchestrator/orchestrator_baseline.h"
#include "engines/orchestrator/orchestrator_optimized.h"
#include "engines/orchestrator/orchestrator_request.h"
#include "tests/engines/orchestrator/valid_placements.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

using namespace perflab::engines;
using namespace perflab::engines::orchestrator;
using nlohmann::json;
using perflab::engines::orchestrator::test::requireValidPlacements;

namespace {

bool sameRequests(const RequestMix& a, const RequestMix& b) {
    return a.shapes == b.shapes &&
           std::equal(a.requests.begin(), a.requests.end(), b.requests.begin(), b.requests.end(),
                      [](const auto& x, const auto& y) { return x.shape == y.shape && x.body == y.body; });
}

// The first request of each shape, by shape name.
std::map<std::string, std::string> firstOfEachShape(const RequestMix& mix) {
    std::map<std::string, std::string> first;
    for (const RequestMix::Request& request : mix.requests) {
        first.emplace(mix.shapes.at(request.shape), request.body);
    }
    return first;
}

} // namespace

TEST_CASE("both orchestrator variants draw the same mix for a seed and another for another seed") {
    const OrchestratorBaseline baseline(Cluster::generate(50, 1), nullptr);
    const OrchestratorOptimized optimized(Cluster::generate(50, 1), nullptr);
    const RequestMix mix = baseline.requestMix(4096, 42);
    CHECK(mix.requests.size() == 4096);
    CHECK(sameRequests(mix, optimized.requestMix(4096, 42)));
    CHECK_FALSE(sameRequests(mix, baseline.requestMix(4096, 43)));
}

TEST_CASE("every shape of the orchestrator mix is drawn, with the batch sizes it names") {
    const OrchestratorBaseline engine(Cluster::generate(50, 1), nullptr);
    const RequestMix mix = engine.requestMix(4096, 42);
    REQUIRE(mix.shapes == std::vector<std::string>{"single pod", "replicas of one service", "mixed batch",
                                                   "large mixed batch", "scale-out batch"});
    // Pods per request, fewest and most, by shape.
    const std::vector<std::pair<std::size_t, std::size_t>> sizes{
        {1, 1}, {2, 16}, {3, 160}, {400, 1'200}, {40, 64}};
    std::vector<std::size_t> requests(mix.shapes.size());
    for (const RequestMix::Request& request : mix.requests) {
        REQUIRE(request.shape < mix.shapes.size());
        const std::vector<Pod> pods = parsePods(request.body);
        INFO(mix.shapes[request.shape] << ": " << pods.size() << " pods");
        CHECK(pods.size() >= sizes[request.shape].first);
        CHECK(pods.size() <= sizes[request.shape].second);
        ++requests[request.shape];
        const bool replicas = request.shape == 1;
        CHECK((!replicas || std::all_of(pods.begin(), pods.end(), [&](const Pod& pod) {
            return pod.cpu == pods.front().cpu && pod.memory == pods.front().memory;
        })));
    }
    for (std::size_t shape = 0; shape < requests.size(); ++shape) {
        INFO(mix.shapes[shape]);
        CHECK(requests[shape] >= 40); // even the rarest shape is measured on enough requests
    }
    CHECK(engine.requestMix(5, 1).requests.size() == 5);
    CHECK(firstOfEachShape(engine.requestMix(5, 1)).size() == mix.shapes.size());
}

TEST_CASE("large mixed batches hold CPU-heavy, memory-heavy and tiny pods") {
    const OrchestratorBaseline engine(Cluster::generate(50, 1), nullptr);
    const std::vector<Pod> pods =
        parsePods(firstOfEachShape(engine.requestMix(64, 42)).at("large mixed batch"));
    const auto count = [&](auto predicate) { return std::count_if(pods.begin(), pods.end(), predicate); };
    CHECK(count([](const Pod& pod) { return pod.cpu >= 2'000 && pod.memory <= pod.cpu * 1024 / 1000; }) > 0);
    CHECK(count([](const Pod& pod) { return pod.memory >= pod.cpu * 8 * 1024 / 1000; }) > 0);
    CHECK(count([](const Pod& pod) { return pod.cpu <= 100 && pod.memory <= 256; }) > 0);
}

TEST_CASE("both variants place every pod of each mix shape within capacity on the full cluster") {
    const EngineOptions options;
    OrchestratorBaseline baseline(options);
    OrchestratorOptimized optimized(options);
    for (const auto& [shape, request] : firstOfEachShape(baseline.requestMix(4096, 42))) {
        const std::vector<Pod> pods = parsePods(request);
        for (OrchestratorEngine* engine :
             {static_cast<OrchestratorEngine*>(&baseline), static_cast<OrchestratorEngine*>(&optimized)}) {
            INFO(engine->variant() << ", " << shape << ": " << pods.size() << " pods");
            const Response response = engine->execute(request);
            REQUIRE(response.status == 200);
            const json body = json::parse(response.body);
            requireValidPlacements(*engine, pods, body);
            CHECK((shape == "scale-out batch") == (body.at("nodes_added").get<int>() > 0));
        }
    }
}

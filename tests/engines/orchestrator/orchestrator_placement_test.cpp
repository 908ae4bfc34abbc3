// Both orchestrator variants place every pod within capacity, and best fit decreasing packs at least as
// tightly as first fit. Placements differ by design: the tests compare validity, totals and quality.
#include "engines/orchestrator/orchestrator_baseline.h"
#include "engines/orchestrator/orchestrator_mix.h"
#include "engines/orchestrator/orchestrator_optimized.h"
#include "tests/engines/orchestrator/valid_placements.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <thread>

using namespace perflab::engines;
using namespace perflab::engines::orchestrator;
using nlohmann::json;

using perflab::engines::orchestrator::test::podsRequest;
using perflab::engines::orchestrator::test::requireValidPlacements;

TEST_CASE("both orchestrator variants place every pod of seeded random batches within node capacity") {
    OrchestratorBaseline baseline(Cluster::generate(300, 5), nullptr);
    OrchestratorOptimized optimized(Cluster::generate(300, 5), nullptr);
    for (unsigned seed = 1; seed <= 40; ++seed) {
        const std::vector<Pod> pods = generatePods(20 + seed * 5, seed);
        const std::string request = podsRequest(pods);
        for (OrchestratorEngine* engine :
             {static_cast<OrchestratorEngine*>(&baseline), static_cast<OrchestratorEngine*>(&optimized)}) {
            INFO(engine->variant() << " seed " << seed);
            const Response response = engine->execute(request);
            REQUIRE(response.status == 200);
            requireValidPlacements(*engine, pods, json::parse(response.body));
        }
    }
}

TEST_CASE("best fit decreasing uses no more nodes than first fit and places the same pods") {
    OrchestratorBaseline baseline(Cluster::generate(300, 9), nullptr);
    OrchestratorOptimized optimized(Cluster::generate(300, 9), nullptr);
    std::size_t fewer = 0;
    for (unsigned seed = 1; seed <= 40; ++seed) {
        const std::string request = R"({"batch":{"seed":)" + std::to_string(seed) + R"(,"pods":)" +
                                    std::to_string(40 + seed * 4) + "}}";
        const json first = json::parse(baseline.execute(request).body);
        const json best = json::parse(optimized.execute(request).body);
        INFO("seed " << seed << ": first fit " << first.dump() << "\nbest fit " << best.dump());
        CHECK(best["placed"] == first["placed"]);
        CHECK(best["nodes_used"].get<int>() <= first["nodes_used"].get<int>());
        CHECK(best["nodes_added"].get<int>() <= first["nodes_added"].get<int>());
        fewer += best["nodes_used"] < first["nodes_used"] ? 1 : 0;
        if (best["nodes_added"] == 0 &&
            first["nodes_added"] == 0) { // same machines and pods: same share in use
            CHECK(best["utilization"]["cpu"].get<double>() ==
                  Approx(first["utilization"]["cpu"].get<double>()));
        }
    }
    CHECK(fewer > 0); // the comparison saw batches where packing made a difference
}

TEST_CASE("concurrent placements give the same answers as sequential ones and leave the cluster as it was") {
    OrchestratorOptimized optimized(Cluster::generate(500, 3), nullptr);
    const std::vector<Node> before = optimized.cluster().nodes;
    const std::string request = optimized.sampleRequest();
    const std::string expected = optimized.execute(request).body;
    std::vector<std::string> seen(4);
    std::vector<std::thread> threads;
    for (std::string& answer : seen) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5; ++i) {
                answer = optimized.execute(request).body;
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    CHECK(seen == std::vector<std::string>(4, expected));
    CHECK(optimized.cluster().nodes.size() == before.size());
    CHECK(std::equal(
        before.begin(), before.end(), optimized.cluster().nodes.begin(),
        [](const Node& a, const Node& b) { return a.freeCpu == b.freeCpu && a.freeMemory == b.freeMemory; }));
}

TEST_CASE("an orchestrator's answer does not depend on the requests it answered before") {
    const RequestMix mix = drawRequestMix(40, 5); // on 400 nodes, large batches scale out too
    for (const char* variant : {"baseline", "optimized"}) {
        const auto make = [&]() -> std::unique_ptr<OrchestratorEngine> {
            if (variant == std::string("baseline")) {
                return std::make_unique<OrchestratorBaseline>(Cluster::generate(400, 2), nullptr);
            }
            return std::make_unique<OrchestratorOptimized>(Cluster::generate(400, 2), nullptr);
        };
        const auto used = make();
        std::size_t scaledOut = 0;
        for (const RequestMix::Request& request : mix.requests) {
            INFO(variant << ", " << mix.shapes[request.shape]);
            const std::string answer = used->execute(request.body).body;
            REQUIRE(answer == make()->execute(request.body).body);
            scaledOut += json::parse(answer)["nodes_added"].get<int>() > 0 ? 1 : 0;
        }
        CHECK(scaledOut > 0);
    }
}

TEST_CASE("the registry offers the orchestrator and its sample request places every pod") {
    EngineRegistry registry({.seed = 4});
    for (const char* variant : {"baseline", "optimized"}) {
        Engine& engine = registry.get("orchestrator", variant);
        const json body = json::parse(engine.execute(engine.sampleRequest()).body);
        CHECK(body["placed"] == 500);
        CHECK(body["utilization"]["cpu"].get<double>() > 0.5);
    }
}

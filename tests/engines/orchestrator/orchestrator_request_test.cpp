// Malformed orchestrator requests answer 400 with a JSON error naming what is wrong; good ones give their
// pods.
#include "engines/orchestrator/orchestrator_baseline.h"
#include "engines/orchestrator/orchestrator_optimized.h"
#include "engines/orchestrator/orchestrator_request.h"
#include "tests/engines/refused_request.h"

#include <catch2/catch.hpp>

using namespace perflab::engines;
using namespace perflab::engines::orchestrator;
using perflab::engines::test::errorOf;

TEST_CASE("bad orchestrator requests answer 400 with a message naming the problem, in both variants") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"{", "not valid JSON"},
        {"[1]", "must be a JSON object"},
        {R"({})", "exactly one of \"pods\""},
        {R"({"pods":[{"cpu":1,"memory":1}],"batch":{"seed":1,"pods":1}})", "exactly one of"},
        {R"({"pods":[]})", "\"pods\" must be an array of 1..10000"},
        {R"({"pods":[{"cpu":500}]})", "pods[0]: \"memory\" must be a whole number"},
        {R"({"pods":[{"cpu":500,"memory":1},{"cpu":-5,"memory":1}]})",
         "pods[1]: \"cpu\" is -5, expected 1..32000"},
        {R"({"pods":[{"cpu":500,"memory":200000}]})", "\"memory\" is 200000, expected 1..131072"},
        {R"({"pods":[{"cpu":500,"memory":1,"gpu":1}]})",
         "pods[0]: unknown key \"gpu\" (expected cpu, memory)"},
        {R"({"pods":[7]})", "pods[0] must be an object"},
        {R"({"batch":{"seed":1,"pods":20000}})", "batch: \"pods\" is 20000, expected 1..10000"},
        {R"({"batch":{"pods":5}})", "batch: \"seed\" must be a whole number"},
        {R"({"nodes":5})", "request: unknown key \"nodes\""},
        {R"({"pods":[{"cpu":500,"memory":1}])", "not valid JSON"},
        {R"({"pods":[{"cpu":-1,"memory":1}],"nodes":5})", "request: unknown key \"nodes\""},
        {R"({"pods":[{"cpu":1,"memory":1}],"pods":[{"cpu":1,"memory":1}]})",
         "\"pods\" is given more than once"},
        {R"({"pods":{"cpu":1,"memory":1}})", "\"pods\" must be an array"},
        {R"({"pods":[{"cpu":1,"memory":1},[1]]})", "pods[1] must be an object"},
        {R"({"pods":[{"cpu":{"m":5},"memory":1}]})", "pods[0]: \"cpu\" must be a whole number"},
        {R"({"pods":[{"cpu":2.5,"memory":1}]})", "pods[0]: \"cpu\" must be a whole number"},
        {R"({"pods":[{"cpu":1,"memory":0,"gpu":1}]})", "pods[0]: unknown key \"gpu\""},
        {R"({"batch":[1]})", "\"batch\" must be an object"},
        {R"({"batch":{"seed":1,"pods":2,"nodes":3}})", "batch: unknown key \"nodes\" (expected seed, pods)"},
    };
    OrchestratorBaseline baseline(Cluster::generate(50, 1), nullptr);
    OrchestratorOptimized optimized(Cluster::generate(50, 1), nullptr);
    for (const auto& [request, message] : cases) {
        for (Engine* engine : {static_cast<Engine*>(&baseline), static_cast<Engine*>(&optimized)}) {
            INFO(engine->variant() << ": " << request);
            CHECK_THAT(errorOf(*engine, request), Catch::Contains(message));
        }
    }
}

TEST_CASE("listed pods are read in order with their requests, and a seeded batch as generated") {
    const std::vector<Pod> pods = parsePods(
        R"({"pods":[{"cpu":500,"memory":1024},{"memory":64,"cpu":50},{"cpu":32000,"memory":131072}]})");
    REQUIRE(pods.size() == 3);
    CHECK((pods[0].cpu == 500 && pods[0].memory == 1024));
    CHECK((pods[1].cpu == 50 && pods[1].memory == 64));
    CHECK((pods[2].cpu == 32'000 && pods[2].memory == 131'072));
    const std::vector<Pod> batch = parsePods(R"({"batch":{"pods":30,"seed":7}})");
    const std::vector<Pod> generated = generatePods(30, 7);
    REQUIRE(batch.size() == generated.size());
    CHECK(std::equal(batch.begin(), batch.end(), generated.begin(),
                     [](const Pod& a, const Pod& b) { return a.cpu == b.cpu && a.memory == b.memory; }));
}

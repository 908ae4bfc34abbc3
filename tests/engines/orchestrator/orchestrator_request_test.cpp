// Malformed orchestrator requests answer 400 with a JSON error naming what is wrong.
#include "engines/orchestrator/orchestrator_baseline.h"
#include "engines/orchestrator/orchestrator_optimized.h"
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

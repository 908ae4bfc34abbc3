// When no node can hold a pod the orchestrator adds one, counts it in the response and tells the run
// through a scale-out event, at most one a second.
#include "engines/orchestrator/orchestrator_baseline.h"
#include "engines/orchestrator/orchestrator_optimized.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <memory>

using perflab::EventKind;
using namespace perflab::engines;
using namespace perflab::engines::orchestrator;
using nlohmann::json;

namespace {

// Two small nodes, half used.
Cluster smallCluster() {
    return Cluster{{{4'000, 16'384, 2'000, 8'192}, {4'000, 16'384, 2'000, 8'192}}};
}

template <class Variant> std::unique_ptr<OrchestratorEngine> make(EngineEvents* events) {
    return std::make_unique<Variant>(smallCluster(), events);
}

} // namespace

TEST_CASE("a pod that fits nowhere adds a node and emits one scale-out event") {
    for (const auto& factory : {&make<OrchestratorBaseline>, &make<OrchestratorOptimized>}) {
        EngineEvents events;
        std::vector<std::string> seen;
        events.setSink([&](EventKind kind, std::string_view message) {
            seen.push_back(std::string(toString(kind)) + ": " + std::string(message));
        });
        const auto engine = factory(&events);
        INFO(engine->variant());
        const json body = json::parse(
            engine->execute(R"({"pods":[{"cpu":1500,"memory":4096},{"cpu":6000,"memory":20000}]})").body);
        CHECK(body["nodes_added"] == 1);
        CHECK(body["nodes"] == 3);
        CHECK(body["placements"][1] == 2); // the new node
        REQUIRE(seen.size() == 1);
        CHECK(seen[0].starts_with("scale-out: orchestrator " + std::string(engine->variant()) +
                                  ": 1 node(s) added"));
        CHECK(seen[0].find("32000m CPU, 131072 MiB") != std::string::npos);

        engine->execute(R"({"pods":[{"cpu":6000,"memory":1024}]})");
        CHECK(seen.size() == 1); // within the same second: counted for the next event, not sent now
    }
}

TEST_CASE("a batch that fits adds no node and emits nothing, and engines without events still scale out") {
    EngineEvents events;
    std::size_t seen = 0;
    events.setSink([&](EventKind, std::string_view) { ++seen; });
    OrchestratorOptimized withEvents(smallCluster(), &events);
    CHECK(json::parse(withEvents.execute(R"({"pods":[{"cpu":2000,"memory":8192}]})").body)["nodes_added"] ==
          0);
    CHECK(seen == 0);

    OrchestratorBaseline alone(smallCluster(), nullptr);
    const json body = json::parse(
        alone.execute(R"({"pods":[{"cpu":3000,"memory":1024},{"cpu":3000,"memory":1024}]})").body);
    CHECK(body["nodes_added"] == 1);
    CHECK(body["placements"] == json::parse("[2,2]")); // the added node holds both
}

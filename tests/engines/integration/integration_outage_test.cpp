// What the optimized integration variant holds through an upstream outage on its request mix, with ids from
// the whole catalogue: the figures the dependency-failure scenario states.
#include "engines/engine.h"
#include "engines/integration/integration_optimized.h"
#include "engines/integration/upstream.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <thread>

using namespace perflab::engines;
using namespace perflab::engines::integration;

namespace {

// What a run draws (4096 requests), answered before the outage, four at a time as the scenario's users ask.
void answerBeforeTheOutage(Engine& engine, const RequestMix& mix) {
    std::vector<std::thread> users;
    for (std::size_t user = 0; user < 4; ++user)
        users.emplace_back([&, user] {
            for (std::size_t i = user; i < mix.requests.size(); i += 4)
                if (engine.execute(mix.requests[i].body).status != 200)
                    throw std::runtime_error("a request failed before the outage");
        });
    for (std::thread& user : users)
        user.join();
}

struct OutageFigures {
    double errorRate = 0;
    double degradedRate = 0;
};

OutageFigures answerThroughTheOutage(Engine& engine, const RequestMix& mix) {
    std::size_t errors = 0;
    std::size_t degraded = 0;
    for (const auto& request : mix.requests) {
        const Response response = engine.execute(request.body);
        if (response.status == 200) {
            CHECK(response.staleAgeMs >= ResiliencePolicy{}.freshFor.count());
            CHECK(nlohmann::json::parse(response.body)["stale"] == true);
            ++degraded;
        } else {
            CHECK(response.status == 503);
            CHECK_THAT(response.body, Catch::Contains("no earlier answer to fall back on"));
            ++errors;
        }
    }
    const auto count = static_cast<double>(mix.requests.size());
    return {.errorRate = static_cast<double>(errors) / count,
            .degradedRate = static_cast<double>(degraded) / count};
}

} // namespace

TEST_CASE("through an outage on the mix, the optimized variant errs only on ids it never fetched") {
    EngineRegistry registry;
    Engine& optimized = registry.get("integration", "optimized");
    const RequestMix before = optimized.requestMix(4096, 1);
    answerBeforeTheOutage(optimized, before);
    std::this_thread::sleep_for(ResiliencePolicy{}.freshFor); // the outage outlasts the cache's bound
    registry.upstream().faults().set({.outage = true});
    SECTION("requests asked before, as a run replaying its draw asks them: all answered, all degraded") {
        RequestMix replayed = before;
        replayed.requests.resize(1000);
        const OutageFigures figures = answerThroughTheOutage(optimized, replayed);
        CHECK(figures.errorRate == 0);
        CHECK(figures.degradedRate == 1);
    }
    SECTION("new draws across the catalogue: a request naming an item never fetched is an error") {
        const OutageFigures figures = answerThroughTheOutage(optimized, optimized.requestMix(2000, 2));
        // Measured: 66.5 % errors, the rest degraded. Zipf's long tail puts an item never asked for before
        // in most requests of 5 or more items; fewer errors would mean answers made up without the upstream.
        CHECK(figures.errorRate > 0.55);
        CHECK(figures.errorRate < 0.75);
        CHECK(figures.degradedRate == Approx(1 - figures.errorRate));
    }
}

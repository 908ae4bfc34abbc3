// Tests the result cache's figures: the hit rate the Zipf mix gets, hit and miss latency, and that
// taking the figures starts them again.
#include "engines/knowledge/cache_figures.h"
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_optimized.h"
#include "engines/knowledge/lru_result_cache.h"

#include <catch2/catch.hpp>

#include <set>
#include <thread>

using namespace perflab::engines;
using namespace perflab::engines::knowledge;
using namespace std::chrono_literals;

namespace {

double figure(const std::vector<EngineFigure>& figures, const std::string& name) {
    for (const EngineFigure& figure : figures) {
        if (figure.name == name) {
            return figure.value;
        }
    }
    FAIL("no figure named \"" << name << "\"");
    return 0;
}

} // namespace

TEST_CASE("the hit rate on the Zipf mix is the share of requests asked before in the draw") {
    // Room for every distinct request: the first asking of each misses, every repetition hits.
    KnowledgeOptimized engine(generateFacts(30'000, 5), std::make_unique<LruResultCache>(100'000));
    const RequestMix mix = engine.requestMix(2'000, 42);
    std::set<std::string> distinct;
    for (const RequestMix::Request& request : mix.requests) {
        distinct.insert(request.body);
        REQUIRE(engine.execute(request.body).status == 200);
    }
    const std::vector<EngineFigure> figures = engine.takeFigures();
    const double repeated = static_cast<double>(mix.requests.size() - distinct.size());
    CHECK(figure(figures, "result cache (lru) hits") == repeated);
    CHECK(figure(figures, "result cache (lru) misses") == static_cast<double>(distinct.size()));
    CHECK(figure(figures, "result cache (lru) hit rate") ==
          Approx(repeated / static_cast<double>(mix.requests.size())));
    CHECK(figure(figures, "result cache (lru) hit rate") > 0.3); // Zipf: popular questions come back
    CHECK(figure(figures, "result cache (lru) hit latency mean") <
          figure(figures, "result cache (lru) miss latency mean"));
}

TEST_CASE("taking the figures starts them again, and a request that bypasses the cache counts in none") {
    KnowledgeOptimized engine(generateFacts(5'000, 1), std::make_unique<LruResultCache>());
    const std::string request = R"({"where":[["?p","livesIn","city:1"]],"limit":3})";
    engine.execute(request);
    engine.execute(request);
    CHECK(figure(engine.takeFigures(), "result cache (lru) hits") == 1);
    CHECK(engine.takeFigures().empty());
    engine.execute(R"({"where":[["?p","livesIn","city:1"]],"limit":3,"cache":false})");
    CHECK(engine.takeFigures().empty());
    engine.execute(request);
    const std::vector<EngineFigure> figures = engine.takeFigures();
    CHECK(figure(figures, "result cache (lru) hits") == 1);
    CHECK(figure(figures, "result cache (lru) misses") == 0);
    CHECK(figure(figures, "result cache (lru) hit rate") == 1);
}

TEST_CASE("an engine without a result cache keeps no figures") {
    KnowledgeOptimized engine(generateFacts(2'000, 1), nullptr);
    engine.execute(R"({"where":[["?p","livesIn","city:1"]]})");
    CHECK(engine.takeFigures().empty());
}

TEST_CASE("hit and miss latency have a mean and a p95 no lower than the true one and within 12.5%") {
    CacheFigures figures;
    for (int i = 1; i <= 100; ++i) {
        figures.record(false, std::chrono::microseconds(i * 100)); // 0.1 .. 10 ms: p95 is 9.5 ms
    }
    figures.record(true, 2ms);
    figures.record(true, 4ms);
    const std::vector<EngineFigure> taken = figures.take("redis");
    CHECK(figure(taken, "result cache (redis) hit rate") == Approx(2.0 / 102));
    CHECK(figure(taken, "result cache (redis) hit latency mean") == Approx(3.0));
    CHECK(figure(taken, "result cache (redis) miss latency mean") == Approx(5.05));
    CHECK(figure(taken, "result cache (redis) miss latency p95") >= 9.5);
    CHECK(figure(taken, "result cache (redis) miss latency p95") <= 9.5 * 1.125);
    CHECK(figure(taken, "result cache (redis) hit latency p95") >= 4.0);
}

TEST_CASE("figures recorded from several threads at once are all counted") {
    CacheFigures figures;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&figures, t] {
            for (int i = 0; i < 10'000; ++i) {
                figures.record(i % 4 == t, 1us);
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    const std::vector<EngineFigure> taken = figures.take("lru");
    CHECK(figure(taken, "result cache (lru) hits") == 10'000);
    CHECK(figure(taken, "result cache (lru) misses") == 30'000);
}

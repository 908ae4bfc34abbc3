// Engine events: what an engine reports reaches the run's sink, and nothing is kept while no run listens.
#include "engines/engine.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <thread>
#include <vector>

using perflab::EventKind;
using perflab::engines::EngineEvents;
using perflab::engines::EngineRegistry;

TEST_CASE("Engine events reach the sink that is set, from any thread", "[engines]") {
    EngineEvents events;
    events.publish(EventKind::ScaleOut, "before any run: dropped");
    std::vector<std::string> seen;
    events.setSink([&](EventKind kind, std::string_view message) {
        seen.push_back(std::string(toString(kind)) + ": " + std::string(message));
    });
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&events] { events.publish(EventKind::Breaker, "open"); });
    for (auto& thread : threads)
        thread.join();
    events.setSink(nullptr);
    events.publish(EventKind::ScaleOut, "after the run: dropped");
    CHECK(seen == std::vector<std::string>(4, "breaker: open"));
}

TEST_CASE("A registry's engines report through the registry's events", "[engines]") {
    EngineRegistry registry({.rows = 1000});
    std::optional<EventKind> seen;
    registry.events().setSink([&](EventKind kind, std::string_view) { seen = kind; });
    registry.events().publish(EventKind::Fault, "upstream-outage");
    CHECK(seen == EventKind::Fault);
}

// A profile's engine tag comes from the function's own namespace, not from types in its arguments.
#include "collectors/profiler/engine_tag.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using perflab::profiling::engineOfFrame;

namespace {
const std::vector<std::string> kEngines{"analytics", "knowledge", "orchestrator", "integration"};
}

TEST_CASE("an engine frame is tagged with the engine whose namespace holds the function") {
    CHECK(
        engineOfFrame("perflab::engines::knowledge::KnowledgeOptimized::execute(std::basic_string_view<char, "
                      "std::char_traits<char> >)",
                      kEngines) == 1);
    CHECK(engineOfFrame("perflab::engines::analytics::(anonymous namespace)::fold(int)", kEngines) == 0);
    CHECK(engineOfFrame(
              "perflab::engines::orchestrator::Cluster::place()::{lambda(int)#1}::operator()(int) const",
              kEngines) == 2);
    CHECK(engineOfFrame("void perflab::engines::integration::retry<int>(int)", kEngines) == 3);
}

TEST_CASE("frames outside the engines' namespaces carry no engine tag") {
    CHECK_FALSE(engineOfFrame("std::_Function_handler<void (), perflab::engines::analytics::Plan>::_M_invoke("
                              "std::_Any_data const&)",
                              kEngines));
    CHECK_FALSE(engineOfFrame("perflab::engines::EngineServer::start()", kEngines));
    CHECK_FALSE(engineOfFrame("perflab::engines::analyticsX::f()", kEngines));
    CHECK_FALSE(engineOfFrame("libc.so.6+0x1234", kEngines));
}

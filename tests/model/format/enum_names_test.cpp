// Tests of model/format/enum_names.h and the enums written by name: run statuses, run kinds and event kinds,
// as the store, the summary JSON, scenario files and the screens write them.
#include "model/format/enum_names.h"
#include "model/results/run_event.h"
#include "model/results/run_status.h"
#include "model/scenario/scenario.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace perflab;

namespace {

// Every value of Enum reads back from its name, and no two values share one.
template <NamedEnum Enum> void requireRoundTrips() {
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < std::size(EnumNames<Enum>::names); ++i) {
        const auto value = static_cast<Enum>(i);
        const std::string_view name = toString(value);
        INFO(name);
        CHECK(parseName<Enum>(name) == value);
        names.insert(name);
    }
    CHECK(names.size() == std::size(EnumNames<Enum>::names));
}

} // namespace

TEST_CASE("every run status, run kind and event kind reads back from the name it is written as") {
    requireRoundTrips<RunStatus>();
    requireRoundTrips<TestKind>();
    requireRoundTrips<EventKind>();
}

TEST_CASE("the last value of each enum has the name stores, summaries and scenario files already hold") {
    CHECK(toString(RunStatus::Running) == "running");
    CHECK(toString(RunStatus::Interrupted) == "interrupted");
    CHECK(toString(TestKind::DependencyFailure) == "dependency-failure");
    CHECK(toString(TestKind::Imported) == "imported");
    CHECK(toString(EventKind::SloBreach) == "slo-breach");
    CHECK(toString(EventKind::LastSustainable) == "last-sustainable");
    CHECK(toString(EventKind::CacheAvailable) == "cache-available");
}

TEST_CASE("an unknown name is an error that names it and the names there are") {
    CHECK_THROWS_WITH(parseName<RunStatus>("finished"), "unknown run status \"finished\" (expected running, "
                                                        "passed, failed, stopped, aborted or interrupted)");
    CHECK_THROWS_WITH(parseName<TestKind>("Soak"),
                      Catch::StartsWith("unknown run kind \"Soak\" (expected load, stress, "));
    CHECK_THROWS_WITH(parseName<EventKind>(""),
                      Catch::StartsWith("unknown event kind \"\" (expected stage, "));
    CHECK_THROWS_AS(parseName<EventKind>("slo breach"), std::invalid_argument);
}

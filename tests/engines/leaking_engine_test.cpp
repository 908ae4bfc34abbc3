// Tests of engines/leaking_engine.h: the deliberate leak is real resident memory, and answers are unchanged.
#include "engines/engine.h"

#include <catch2/catch.hpp>

#include <fstream>

#include <malloc.h>

using namespace perflab::engines;

namespace {

std::uint64_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * 4096;
}

} // namespace

TEST_CASE("an engine told to leak keeps resident memory from every request and answers as before") {
    const EngineOptions plainOptions{.rows = 1'000, .seed = 3};
    EngineOptions leakyOptions = plainOptions;
    leakyOptions.leakBytesPerRequest = 256 * 1024;
    const auto plain = makeEngine("analytics", "optimized", plainOptions);
    const auto leaky = makeEngine("analytics", "optimized", leakyOptions);
    CHECK(leaky->name() == "analytics");
    CHECK(leaky->variant() == "optimized");
    const std::string request = leaky->sampleRequest();

    // Free heap that earlier tests of this process left behind would take the leak without growing the
    // resident set: give it back first.
    ::malloc_trim(0);
    const std::uint64_t before = residentBytes();
    for (int i = 0; i < 100; ++i)
        CHECK(leaky->execute(request).body == plain->execute(request).body);
    CHECK(residentBytes() - before >= 20 * 1024 * 1024); // 100 × 256 KiB = 25 MiB
}

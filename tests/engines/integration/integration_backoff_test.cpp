// Tests of engines/integration/backoff.h: retry delays grow exponentially, stay within their jitter bounds
// and the cap, and are spread rather than identical.
#include "engines/integration/backoff.h"

#include <catch2/catch.hpp>

#include <set>

using namespace perflab::engines::integration;
using namespace std::chrono_literals;

TEST_CASE("each retry waits between half and all of its exponential ceiling, never above the cap") {
    const BackoffPolicy policy{.base = 2000us, .cap = 50'000us};
    std::mt19937_64 rng(7);
    for (unsigned retry = 0; retry < 40; ++retry) {
        const auto ceiling = std::min<std::int64_t>(50'000, retry < 20 ? 2000LL << retry : 50'000);
        std::set<std::int64_t> seen;
        for (int i = 0; i < 200; ++i) {
            const auto delay = backoffDelay(policy, retry, rng).count();
            INFO("retry " << retry << " delay " << delay << " us");
            REQUIRE(delay >= ceiling / 2);
            REQUIRE(delay <= ceiling);
            seen.insert(delay);
        }
        CHECK(seen.size() > 50); // jittered: clients that failed together retry apart
    }
}

TEST_CASE("later retries wait longer on average until the cap") {
    const BackoffPolicy policy{.base = 1000us, .cap = 16'000us};
    std::mt19937_64 rng(11);
    auto mean = [&](unsigned retry) {
        double sum = 0;
        for (int i = 0; i < 1000; ++i)
            sum += static_cast<double>(backoffDelay(policy, retry, rng).count());
        return sum / 1000;
    };
    CHECK(mean(1) == Approx(2 * mean(0)).epsilon(0.1));
    CHECK(mean(3) == Approx(8 * mean(0)).epsilon(0.1));
    CHECK(mean(4) == Approx(mean(9)).epsilon(0.1)); // both capped
}

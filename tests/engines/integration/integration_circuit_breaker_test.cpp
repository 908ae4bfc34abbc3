// Tests of engines/integration/circuit_breaker.h: closed -> open -> half-open -> closed or open again, on an
// injected clock.
#include "engines/integration/circuit_breaker.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace perflab::engines::integration;
using namespace std::chrono_literals;
using State = CircuitBreaker::State;

namespace {

struct Recorded {
    std::vector<std::string> changes;
    CircuitBreaker breaker{{.failuresToOpen = 3, .openFor = 1000ms}, [this](State from, State to, auto&) {
                               changes.push_back(std::string(toString(from)) + "->" +
                                                 std::string(toString(to)));
                           }};
};

const CircuitBreaker::Clock::time_point t0{};

} // namespace

TEST_CASE("the breaker opens after the configured run of failures and then refuses calls") {
    Recorded r;
    r.breaker.recordFailure(t0);
    r.breaker.recordFailure(t0);
    r.breaker.recordSuccess(); // a success breaks the run
    r.breaker.recordFailure(t0);
    r.breaker.recordFailure(t0);
    CHECK(r.breaker.allow(t0));
    r.breaker.recordFailure(t0);
    CHECK(r.breaker.state() == State::Open);
    CHECK_FALSE(r.breaker.allow(t0 + 999ms));
    CHECK(r.changes == std::vector<std::string>{"closed->open"});
}

TEST_CASE("after the cool-down one probe goes through, and its success closes the breaker") {
    Recorded r;
    for (int i = 0; i < 3; ++i)
        r.breaker.recordFailure(t0);
    CHECK(r.breaker.allow(t0 + 1000ms));
    CHECK(r.breaker.state() == State::HalfOpen);
    CHECK_FALSE(r.breaker.allow(t0 + 1001ms)); // one probe at a time
    r.breaker.recordSuccess();
    CHECK(r.breaker.state() == State::Closed);
    CHECK(r.breaker.allow(t0 + 1002ms));
    CHECK(r.changes == std::vector<std::string>{"closed->open", "open->half-open", "half-open->closed"});
}

TEST_CASE("a failed probe opens the breaker for another full cool-down") {
    Recorded r;
    for (int i = 0; i < 3; ++i)
        r.breaker.recordFailure(t0);
    REQUIRE(r.breaker.allow(t0 + 1500ms));
    r.breaker.recordFailure(t0 + 1500ms);
    CHECK(r.breaker.state() == State::Open);
    CHECK_FALSE(r.breaker.allow(t0 + 2400ms));
    CHECK(r.breaker.allow(t0 + 2500ms));
    CHECK(r.changes ==
          std::vector<std::string>{"closed->open", "open->half-open", "half-open->open", "open->half-open"});
}

TEST_CASE("late results of calls made before the breaker opened neither close nor reopen it") {
    Recorded r;
    for (int i = 0; i < 3; ++i)
        r.breaker.recordFailure(t0);
    r.breaker.recordSuccess();
    r.breaker.recordFailure(t0 + 900ms);
    CHECK(r.breaker.state() == State::Open);
    CHECK(r.breaker.allow(t0 + 1000ms)); // the cool-down still counts from the opening
    CHECK(r.changes.size() == 2);
}

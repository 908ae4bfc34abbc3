// A circuit breaker for calls to one upstream: closed (calls go through) -> open after consecutive failures
// (calls fail fast) -> half-open after a cool-down (one probe decides: closed again, or open again).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace perflab::engines::integration {

struct BreakerPolicy {
    unsigned failuresToOpen = 5;             // consecutive failed calls
    std::chrono::milliseconds openFor{1000}; // before a probe may test the upstream again
};

// Not thread-safe: the optimized client guards it with its own lock. Time comes in as arguments, so
// tests drive it without waiting.
class CircuitBreaker {
public:
    using Clock = std::chrono::steady_clock;
    enum class State { Closed, Open, HalfOpen };
    // Called on every state change, with why it changed.
    using Listener = std::function<void(State from, State to, const std::string& why)>;

    CircuitBreaker(BreakerPolicy policy, Listener listener);
    // May a call go to the upstream now? Open turns half-open once openFor has passed; half-open admits one
    // probe at a time.
    bool allow(Clock::time_point now);
    void recordSuccess();
    void recordFailure(Clock::time_point now);
    State state() const noexcept { return m_state; }

private:
    void moveTo(State next, const std::string& why);

    BreakerPolicy m_policy;
    Listener m_listener;
    State m_state = State::Closed;
    unsigned m_failures = 0;
    bool m_probing = false;
    Clock::time_point m_openedAt{};
};

std::string_view toString(CircuitBreaker::State state) noexcept;

} // namespace perflab::engines::integration

// Breaker transitions. Results of calls admitted before the breaker opened are ignored while it is open:
// they say nothing about the upstream now, and must not close or re-open it.
#include "engines/integration/circuit_breaker.h"

namespace perflab::engines::integration {

CircuitBreaker::CircuitBreaker(BreakerPolicy policy, Listener listener)
    : m_policy(policy)
    , m_listener(std::move(listener)) {}

bool CircuitBreaker::allow(Clock::time_point now) {
    if (m_state == State::Open && now - m_openedAt >= m_policy.openFor)
        moveTo(State::HalfOpen,
               "cool-down of " + std::to_string(m_policy.openFor.count()) + " ms over, probing the upstream");
    if (m_state == State::Closed)
        return true;
    if (m_state == State::HalfOpen && !m_probing) {
        m_probing = true;
        return true;
    }
    return false;
}

void CircuitBreaker::recordSuccess() {
    m_failures = 0;
    if (m_state == State::HalfOpen)
        moveTo(State::Closed, "probe succeeded");
}

void CircuitBreaker::recordFailure(Clock::time_point now) {
    if (m_state == State::HalfOpen) {
        m_openedAt = now;
        moveTo(State::Open, "probe failed");
    } else if (m_state == State::Closed && ++m_failures >= m_policy.failuresToOpen) {
        m_openedAt = now;
        moveTo(State::Open, std::to_string(m_failures) + " upstream calls failed in a row");
    }
}

void CircuitBreaker::moveTo(State next, const std::string& why) {
    const State from = m_state;
    m_state = next;
    m_failures = 0;
    m_probing = false;
    if (m_listener)
        m_listener(from, next, why);
}

std::string_view toString(CircuitBreaker::State state) noexcept {
    switch (state) {
    case CircuitBreaker::State::Closed:
        return "closed";
    case CircuitBreaker::State::Open:
        return "open";
    case CircuitBreaker::State::HalfOpen:
        return "half-open";
    }
    return "unknown";
}

} // namespace perflab::engines::integration

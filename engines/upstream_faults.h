// What the engines' upstream is told to get wrong: a run's fault schedule sets it (through
// EngineRegistry::upstreamFaults()), the integration engines' upstream reads it per request.
#pragma once

#include <chrono>
#include <mutex>

namespace perflab::engines {

struct FaultSettings {
    bool outage = false;                       // every connection is dropped without an answer
    std::chrono::milliseconds addedLatency{0}; // on top of the base service time
    double errorRate = 0;                      // fraction of requests answered 503
    double resetRate = 0;                      // fraction of requests whose connection is reset unanswered
    bool operator==(const FaultSettings&) const = default;
};

// Thread-safe: a run changes the settings while the upstream's thread reads them.
class UpstreamFaults {
public:
    void set(const FaultSettings& settings) {
        const std::lock_guard lock(m_mutex);
        m_settings = settings;
    }
    FaultSettings current() const {
        const std::lock_guard lock(m_mutex);
        return m_settings;
    }

private:
    mutable std::mutex m_mutex;
    FaultSettings m_settings;
};

} // namespace perflab::engines

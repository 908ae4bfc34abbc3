// A local stand-in for a remote API on 127.0.0.1: GET /items/<id> -> a catalogue item as JSON, and
// GET /items/batch/<id>,<id>... -> {"items":[...]}, up to kMaxBatchItems in one call for the same service
// time, as batch endpoints of remote APIs offer. It has a remote dependency's service time and faults a
// run can inject while it serves.
#pragma once

#include "engines/upstream_faults.h"

#include <chrono>
#include <cstdint>
#include <memory>

namespace perflab::engines::integration {

constexpr std::size_t kMaxBatchItems = 64;

struct UpstreamOptions {
    // What a call to a nearby remote service costs besides the network: waited on a timer, not spent.
    std::chrono::microseconds serviceTime{1000};
    unsigned seed = 42; // the catalogue's, and the dice that pick which requests fail
};

// Serves HTTP/1.1 keep-alive on its own thread from construction to destruction.
class Upstream {
public:
    // Listens on an ephemeral port; throws std::system_error saying why it cannot.
    explicit Upstream(UpstreamOptions options = {});
    ~Upstream();
    Upstream(const Upstream&) = delete;
    Upstream& operator=(const Upstream&) = delete;

    std::uint16_t port() const noexcept;
    const UpstreamOptions& options() const noexcept;
    UpstreamFaults& faults() noexcept;
    std::uint64_t connectionsAccepted() const noexcept;
    std::uint64_t requestsAnswered() const noexcept; // with a status, 200 or 503; drops and resets excluded

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab::engines::integration

// Serves the hosted engines over HTTP/1.1 (keep-alive) on 127.0.0.1: POST /engines/<name>/<variant>, GET
// /health.
#pragma once

#include "collectors/latency_recorder.h"
#include "engines/engine.h"

#include <cstdint>
#include <memory>
#include <string>

namespace perflab::engines {

class EngineServer {
public:
    // port 0 picks a free port. threads: I/O threads; engine calls run on them.
    EngineServer(EngineRegistry& registry, std::string host = "127.0.0.1", std::uint16_t port = 0,
                 unsigned threads = 1);
    ~EngineServer(); // stops
    EngineServer(const EngineServer&) = delete;
    EngineServer& operator=(const EngineServer&) = delete;

    // Before start(): every engine call is recorded (its time on the server, its status class) into
    // `recorder`, one slot per I/O thread; the recorder must have `threads` slots and outlive the server.
    void recordCallsInto(LatencyRecorder& recorder);
    // Binds and starts serving; throws std::system_error with the address on failure (port busy).
    void start();
    void stop();
    std::uint16_t port() const noexcept;
    std::string baseUrl() const; // http://127.0.0.1:<port>
    std::uint64_t requestsServed() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// An engine's answer as the server writes it. A degraded one (Response::staleAgeMs >= 0) says so as an HTTP
// cache's stale answer does (RFC 9111 section 5.1, RFC 7234 section 5.5.1): `Warning: 110 - "Response is
// Stale"` and `Age` in whole seconds, so any client that knows those headers counts it degraded.
void appendEngineResponse(std::string& out, const Response& response, bool keepAlive);

} // namespace perflab::engines

// A loopback HTTP/1.1 server for the load tests: counts requests and answers as a test tells it to.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace perflab::load::testing {

struct TestServerOptions {
    int status = 200;
    std::string body = "ok";
    std::string extraHeaders = {};         // whole header lines, each ending in CRLF
    std::chrono::milliseconds delay{0};    // per request, without blocking the other connections
    bool chunked = false;                  // body sent as chunks of up to 3 bytes
    bool connectionClose = false;          // answers carry "Connection: close" and the server closes
    bool closeSilently = false;            // closes after each answer without saying so (stale keep-alive)
    std::uint64_t stallOnRequest = 0;      // 1-based request number that freezes the whole server...
    std::chrono::milliseconds stallFor{0}; // ...for this long
};

class TestHttpServer {
public:
    explicit TestHttpServer(TestServerOptions options = {});
    ~TestHttpServer();
    TestHttpServer(const TestHttpServer&) = delete;
    TestHttpServer& operator=(const TestHttpServer&) = delete;

    std::uint16_t port() const noexcept { return m_port; }
    std::string url(const std::string& path = "/") const;
    std::uint64_t requests() const noexcept { return m_requests.load(); }
    std::uint64_t connections() const noexcept { return m_connections.load(); }

    // A loopback port nobody listens on (bound, then released), for connection-refused tests.
    static std::uint16_t closedPort();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::uint16_t m_port = 0;
    std::atomic<std::uint64_t> m_requests{0};
    std::atomic<std::uint64_t> m_connections{0};
    std::thread m_thread;
};

} // namespace perflab::load::testing

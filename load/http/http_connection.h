// One HTTP/1.1 keep-alive client connection on Boost.Asio: connect, send a preformatted request, read the
// response.
#pragma once

#include "load/outcome.h"
#include "model/http/response_parser.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

namespace perflab::load {

struct ClientOptions {
    std::chrono::milliseconds connectTimeout{10'000};
    std::chrono::milliseconds requestTimeout{30'000}; // whole exchange, connect included
};

// A request formatted once, before the run, so the hot path only writes bytes.
struct PreparedRequest {
    std::string bytes;        // request line, headers and body
    std::size_t endpoint = 0; // index into the target's resolved endpoints
    bool head = false;        // HEAD: the response has no body
    std::uint32_t part = 0;   // the part of the traffic it is counted in (TargetPlan::partCount)
};

// The longest status line, header line or chunk-size line a response may have.
inline constexpr std::size_t kMaxResponseLineBytes = 16 * 1024;

// Not thread-safe: it lives on one worker's io_context and serves one request at a time. It reads into
// readBuffer, which every connection of the worker shares (it waits for readiness first, then reads and
// parses without suspending), and keeps only a line cut by a read: 10,000 idle connections hold no buffers.
class HttpConnection {
public:
    HttpConnection(boost::asio::io_context& io, std::span<const boost::asio::ip::tcp::endpoint> endpoints,
                   const ClientOptions& options, std::span<char> readBuffer);
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    // Never throws for network trouble: every failure becomes an Outcome with its ErrorKind.
    boost::asio::awaitable<Outcome> roundTrip(const PreparedRequest& request);
    // Fails what is in flight and every later round trip with ErrorKind::Io, without reconnecting:
    // used when a drain times out.
    void abort() noexcept;
    bool isOpen() const noexcept { return m_socket.is_open(); }
    std::uint64_t connectsMade() const noexcept { return m_connects; }

private:
    enum class Attempt { Done, StaleConnection };

    boost::asio::awaitable<Outcome> connect();
    boost::asio::awaitable<Attempt> exchange(const PreparedRequest& request, Outcome& outcome);
    boost::asio::awaitable<Outcome> readResponse(bool& receivedAnything);
    // Parses freshly read bytes after any partial line kept from the last read; keeps the new partial line.
    HttpResponseParser::Result parseReceived(std::size_t bytes);
    void armDeadline(std::chrono::steady_clock::time_point at);
    void disarmDeadline() noexcept;
    Outcome ioFailure() const noexcept;
    // The parsed response: its status, and whether it was a stale answer (`Warning: 110`, `Age`).
    Outcome answered() const noexcept;
    void close() noexcept;

    boost::asio::ip::tcp::socket m_socket;
    boost::asio::steady_timer m_deadline;
    std::span<const boost::asio::ip::tcp::endpoint> m_endpoints;
    ClientOptions m_options;
    HttpResponseParser m_parser;
    std::span<char> m_readBuffer;
    std::string m_partialLine; // capacity kept: a cut line costs no allocation once the connection is warm
    std::uint64_t m_generation = 0; // tells a stale deadline handler from the current one
    std::uint64_t m_connects = 0;
    bool m_timedOut = false;
    bool m_aborted = false;
};

} // namespace perflab::load

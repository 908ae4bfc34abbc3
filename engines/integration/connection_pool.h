// Keep-alive connections to the upstream, reused across calls, with a deadline per call (Boost.Asio).
#pragma once

#include "engines/integration/upstream_reply.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace perflab::engines::integration {

// Not thread-safe: all its calls run on one io_context thread. Calls may overlap: each takes an idle
// connection, or opens one when none is idle.
class ConnectionPool {
public:
    ConnectionPool(boost::asio::io_context& io, std::uint16_t port, std::size_t maxIdle);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // One request, one reply. Throws std::runtime_error saying what failed (connect, reset, closed, timed
    // out after `timeout`); a connection that failed or timed out is closed, never reused.
    boost::asio::awaitable<UpstreamReply> call(const std::string& request, std::chrono::milliseconds timeout);

private:
    struct Connection;
    boost::asio::awaitable<UpstreamReply> exchange(Connection& connection, const std::string& request);

    boost::asio::io_context& m_io;
    boost::asio::ip::tcp::endpoint m_endpoint;
    std::size_t m_maxIdle;
    std::vector<std::unique_ptr<Connection>> m_idle;
};

} // namespace perflab::engines::integration

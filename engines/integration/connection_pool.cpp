// The pool's calls: a deadline timer per connection closes its socket when a call overruns, which fails
// the pending read or write; the call then reports a timeout rather than the close.
#include "engines/integration/connection_pool.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <stdexcept>

namespace perflab::engines::integration {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct ConnectionPool::Connection {
    explicit Connection(asio::io_context& io)
        : socket(io)
        , deadline(io) {}
    void arm(std::chrono::milliseconds timeout) {
        timedOut = false;
        deadline.expires_after(timeout);
        deadline.async_wait([this, armed = ++generation](const boost::system::error_code& ec) {
            if (!ec && armed == generation) { // never touches a connection already destroyed: ec is set
                timedOut = true;
                boost::system::error_code ignored;
                socket.close(ignored);
            }
        });
    }
    void disarm() {
        ++generation;
        deadline.cancel();
    }

    tcp::socket socket;
    asio::steady_timer deadline;
    std::string received;
    std::uint64_t generation = 0;
    bool timedOut = false;
};

ConnectionPool::ConnectionPool(asio::io_context& io, std::uint16_t port, std::size_t maxIdle)
    : m_io(io)
    , m_endpoint(asio::ip::address_v4::loopback(), port)
    , m_maxIdle(maxIdle) {}

ConnectionPool::~ConnectionPool() = default;

asio::awaitable<UpstreamReply> ConnectionPool::call(const std::string& request,
                                                    std::chrono::milliseconds timeout) {
    std::unique_ptr<Connection> connection;
    if (m_idle.empty()) {
        connection = std::make_unique<Connection>(m_io);
    } else {
        connection = std::move(m_idle.back());
        m_idle.pop_back();
    }
    connection->arm(timeout);
    std::exception_ptr failure;
    UpstreamReply reply;
    try {
        reply = co_await exchange(*connection, request);
    } catch (const std::exception&) {
        failure = std::current_exception();
    }
    connection->disarm();
    if (connection->timedOut)
        throw std::runtime_error("upstream call timed out after " + std::to_string(timeout.count()) + " ms");
    if (failure)
        std::rethrow_exception(failure);
    if (reply.keepAlive && m_idle.size() < m_maxIdle)
        m_idle.push_back(std::move(connection));
    co_return reply;
}

asio::awaitable<UpstreamReply> ConnectionPool::exchange(Connection& connection, const std::string& request) {
    try {
        if (!connection.socket.is_open()) {
            co_await connection.socket.async_connect(m_endpoint, asio::use_awaitable);
            connection.socket.set_option(tcp::no_delay(true));
        }
        co_await asio::async_write(connection.socket, asio::buffer(request), asio::use_awaitable);
        char chunk[4096];
        for (;;) {
            if (auto reply = takeReply(connection.received))
                co_return std::move(*reply);
            const std::size_t n =
                co_await connection.socket.async_read_some(asio::buffer(chunk), asio::use_awaitable);
            connection.received.append(chunk, n);
        }
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error("upstream call on 127.0.0.1:" + std::to_string(m_endpoint.port()) + ": " +
                                 e.code().message());
    }
}

} // namespace perflab::engines::integration

// The loopback test server: one thread, one coroutine per connection, behaviour chosen per test.
#include "tests/load/test_http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>

namespace perflab::load::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::size_t contentLength(const std::string& head) {
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::size_t at = lower.find("\r\ncontent-length:");
    return at == std::string::npos ? 0 : std::stoul(lower.substr(at + 17));
}

std::string response(const TestServerOptions& options) {
    std::string text = "HTTP/1.1 " + std::to_string(options.status) + " Test\r\n";
    if (options.connectionClose)
        text += "Connection: close\r\n";
    if (!options.chunked)
        return text + "Content-Length: " + std::to_string(options.body.size()) + "\r\n\r\n" + options.body;
    text += "Transfer-Encoding: chunked\r\n\r\n";
    for (std::size_t at = 0; at < options.body.size(); at += 3) {
        const std::string chunk = options.body.substr(at, 3);
        text += std::to_string(chunk.size()) + ";ext=1\r\n" + chunk + "\r\n";
    }
    return text + "0\r\nX-Trailer: yes\r\n\r\n";
}

} // namespace

struct TestHttpServer::Impl {
    explicit Impl(TestServerOptions o)
        : options(std::move(o))
        , answer(response(options))
        , acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {}

    asio::awaitable<void> accept(TestHttpServer& server) {
        for (;;) {
            tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
            ++server.m_connections;
            asio::co_spawn(io, serve(server, std::move(socket)), asio::detached);
        }
    }

    asio::awaitable<void> serve(TestHttpServer& server, tcp::socket socket) {
        std::string buffer;
        asio::steady_timer timer(io);
        boost::system::error_code ec;
        for (;;) {
            const std::size_t headEnd =
                co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer), "\r\n\r\n",
                                                asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                co_return;
            const std::size_t total = headEnd + contentLength(buffer.substr(0, headEnd));
            if (buffer.size() < total)
                co_await asio::async_read(socket, asio::dynamic_buffer(buffer),
                                          asio::transfer_exactly(total - buffer.size()),
                                          asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                co_return;
            buffer.erase(0, total);
            if (++server.m_requests == options.stallOnRequest)
                std::this_thread::sleep_for(
                    options.stallFor); // freezes every connection, as a stalled server does
            if (options.delay.count() > 0) {
                timer.expires_after(options.delay);
                co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            }
            co_await asio::async_write(socket, asio::buffer(answer),
                                       asio::redirect_error(asio::use_awaitable, ec));
            if (ec || options.connectionClose || options.closeSilently)
                co_return;
        }
    }

    TestServerOptions options;
    std::string answer;
    asio::io_context io{1};
    tcp::acceptor acceptor;
};

TestHttpServer::TestHttpServer(TestServerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options)))
    , m_port(m_impl->acceptor.local_endpoint().port()) {
    asio::co_spawn(m_impl->io, m_impl->accept(*this), asio::detached);
    m_thread = std::thread([this] { m_impl->io.run(); });
}

TestHttpServer::~TestHttpServer() {
    m_impl->io.stop();
    m_thread.join();
}

std::string TestHttpServer::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::uint16_t TestHttpServer::closedPort() {
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    return acceptor.local_endpoint().port();
}

} // namespace perflab::load::testing

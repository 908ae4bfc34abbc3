// The loopback test server: one thread, one coroutine per connection, behaviour chosen per test.
#include "tests/load/test_http_server.h"

#include "model/http/request_parser.h"
#include "model/http/response_writer.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace perflab::load::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr std::size_t kReadChunk = 4096;

std::string response(const TestServerOptions& options) {
    const ResponseHead head{.status = options.status,
                            .keepAlive = !options.connectionClose,
                            .contentType = {},
                            .extraHeaders = options.extraHeaders};
    std::string text;
    if (!options.chunked) {
        appendResponse(text, head, options.body);
        return text;
    }
    appendChunkedHead(text, head);
    for (std::size_t at = 0; at < options.body.size(); at += 3)
        appendChunk(text, std::string_view(options.body).substr(at, 3), "ext=1");
    appendLastChunk(text, "X-Trailer: yes\r\n");
    return text;
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
            HttpParseResult parsed = parseHttpRequest(buffer);
            while (parsed.state == HttpParseResult::State::NeedMore) {
                const std::size_t had = buffer.size();
                buffer.resize(had + kReadChunk);
                const std::size_t n =
                    co_await socket.async_read_some(asio::buffer(buffer.data() + had, kReadChunk),
                                                    asio::redirect_error(asio::use_awaitable, ec));
                buffer.resize(had + n);
                if (ec)
                    co_return;
                parsed = parseHttpRequest(buffer);
            }
            if (parsed.state == HttpParseResult::State::Error)
                co_return;
            buffer.erase(0, parsed.consumed);
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

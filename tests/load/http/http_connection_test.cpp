// Tests of load/http/http_connection.h against the loopback test server: keep-alive, framing, errors.
#include "load/http/http_connection.h"
#include "load/http/url.h"
#include "load/target_plan.h"
#include "tests/load/test_http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <optional>
#include <thread>

using namespace std::chrono_literals;
using perflab::ErrorKind;
using perflab::HttpRequestSpec;
using perflab::load::ClientOptions;
using perflab::load::HttpConnection;
using perflab::load::Outcome;
using perflab::load::PreparedRequest;
using perflab::load::testing::TestHttpServer;
using perflab::load::testing::TestServerOptions;

namespace asio = boost::asio;

namespace {

// A client connection to one loopback port, driven synchronously for the test.
struct Client {
    // A small read buffer by default, so responses span several reads.
    explicit Client(std::uint16_t port, ClientOptions options = {}, std::size_t readBufferBytes = 512)
        : endpoints{asio::ip::tcp::endpoint(asio::ip::address_v4::loopback(), port)}
        , readBuffer(readBufferBytes)
        , connection(io, endpoints, options, readBuffer) {
        HttpRequestSpec spec;
        spec.url = "http://127.0.0.1:" + std::to_string(port) + "/items?id=1";
        request.bytes = perflab::load::formatRequest(spec, perflab::load::parseUrl(spec.url));
    }

    Outcome send() {
        std::optional<Outcome> outcome;
        asio::co_spawn(
            io, [&]() -> asio::awaitable<void> { outcome = co_await connection.roundTrip(request); },
            asio::detached);
        io.restart();
        io.run();
        REQUIRE(outcome);
        return *outcome;
    }

    asio::io_context io;
    std::vector<asio::ip::tcp::endpoint> endpoints;
    std::vector<char> readBuffer;
    HttpConnection connection;
    PreparedRequest request;
};

// A server that answers every connection's first request with whatever `answer` writes to the socket.
class ScriptedServer {
public:
    explicit ScriptedServer(std::function<void(int socket)> answer)
        : m_answer(std::move(answer)) {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{
            .sin_family = AF_INET, .sin_port = 0, .sin_addr = {htonl(INADDR_LOOPBACK)}, .sin_zero = {}};
        REQUIRE(::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(m_listener, 4) == 0);
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] {
            const int connection = ::accept(m_listener, nullptr, nullptr);
            char request[4096];
            if (connection >= 0 && ::recv(connection, request, sizeof request, 0) > 0)
                m_answer(connection);
            ::close(connection);
        });
    }
    ~ScriptedServer() {
        ::shutdown(m_listener, SHUT_RDWR);
        m_thread.join();
        ::close(m_listener);
    }
    std::uint16_t port() const { return m_port; }

    // Writes all of text, or as much as the peer takes before it closes.
    static void send(int socket, std::string_view text) {
        while (!text.empty()) {
            const ssize_t n = ::send(socket, text.data(), text.size(), MSG_NOSIGNAL);
            if (n <= 0)
                return;
            text.remove_prefix(static_cast<std::size_t>(n));
        }
    }

private:
    std::function<void(int)> m_answer;
    int m_listener = -1;
    std::uint16_t m_port = 0;
    std::thread m_thread;
};

std::int64_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::int64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * ::sysconf(_SC_PAGESIZE);
}

} // namespace

TEST_CASE("a keep-alive connection carries many requests over one TCP connection") {
    TestHttpServer server;
    Client client(server.port());
    for (int i = 0; i < 5; ++i) {
        const Outcome outcome = client.send();
        CHECK(outcome.ok);
        CHECK(outcome.status == 200);
    }
    CHECK(server.requests() == 5);
    CHECK(server.connections() == 1);
    CHECK(client.connection.connectsMade() == 1);
}

TEST_CASE("a chunked response is read to its end and the connection stays usable") {
    TestHttpServer server({.body = "a body sent in many small chunks", .chunked = true});
    Client client(server.port());
    CHECK(client.send().ok);
    CHECK(client.send().ok);
    CHECK(server.connections() == 1);
}

TEST_CASE("Connection: close from the server makes the next request reconnect") {
    TestHttpServer server({.connectionClose = true});
    Client client(server.port());
    for (int i = 0; i < 3; ++i)
        CHECK(client.send().ok);
    CHECK(server.connections() == 3);
    CHECK(server.requests() == 3);
}

TEST_CASE("a keep-alive connection the server dropped silently is reopened and the request retried") {
    TestHttpServer server({.closeSilently = true});
    Client client(server.port());
    for (int i = 0; i < 4; ++i)
        CHECK(client.send().ok);
    CHECK(server.requests() == 4);
    CHECK(server.connections() == 4);
}

TEST_CASE("4xx and 5xx answers count as their error kinds and keep the connection") {
    TestHttpServer serverError({.status = 500});
    Client client(serverError.port());
    const Outcome first = client.send();
    CHECK_FALSE(first.ok);
    CHECK(first.error == ErrorKind::Status5xx);
    CHECK(first.status == 500);
    CHECK(client.send().error == ErrorKind::Status5xx);
    CHECK(serverError.connections() == 1);

    TestHttpServer notFound({.status = 404});
    Client other(notFound.port());
    CHECK(other.send().error == ErrorKind::Status4xx);
}

TEST_CASE("an answer with Warning 110 and Age is degraded, its stale age read from Age") {
    TestHttpServer stale({.extraHeaders = "Warning: 110 - \"Response is Stale\"\r\nAge: 7\r\n"});
    Client client(stale.port());
    const Outcome outcome = client.send();
    CHECK(outcome.ok);
    CHECK(outcome.isDegraded());
    CHECK(outcome.staleAgeMs == 7000);

    TestHttpServer fresh({.extraHeaders = "Age: 7\r\nWarning: 199 - \"Miscellaneous\"\r\n"});
    Client other(fresh.port());
    CHECK_FALSE(other.send().isDegraded()); // an old answer a cache did not call stale is a success
}

TEST_CASE("a stale error answer stays an error, not a degraded answer") {
    TestHttpServer stale({.status = 503, .extraHeaders = "Warning: 110 - \"Response is Stale\"\r\n"});
    Client client(stale.port());
    const Outcome outcome = client.send();
    CHECK(outcome.error == ErrorKind::Status5xx);
    CHECK_FALSE(outcome.isDegraded());
}

TEST_CASE("a server slower than the request timeout gives a Timeout, then the client reconnects") {
    TestHttpServer server({.delay = 300ms});
    Client client(server.port(), {.connectTimeout = 1000ms, .requestTimeout = 50ms});
    const auto before = std::chrono::steady_clock::now();
    const Outcome outcome = client.send();
    CHECK(std::chrono::steady_clock::now() - before < 250ms);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error == ErrorKind::Timeout);
    CHECK_FALSE(client.connection.isOpen());
    CHECK(client.send().error == ErrorKind::Timeout);
    CHECK(client.connection.connectsMade() == 2);
}

TEST_CASE("a port nobody listens on gives a Connect error") {
    Client client(TestHttpServer::closedPort());
    const Outcome outcome = client.send();
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error == ErrorKind::Connect);
}

TEST_CASE("an aborted connection fails at once and does not reconnect") {
    TestHttpServer server;
    Client client(server.port());
    CHECK(client.send().ok);
    client.connection.abort();
    CHECK(client.send().error == ErrorKind::Io);
    CHECK(server.connections() == 1);
}

TEST_CASE("a 1 GB body streams through the worker's read buffer while memory stays flat") {
    constexpr std::size_t kBody = 1024 * 1024 * 1024;
    ScriptedServer server([&](int socket) {
        ScriptedServer::send(socket, std::string("HTTP/1.1 200 OK\r\nContent-Length: ")
                                         .append(std::to_string(kBody))
                                         .append("\r\n\r\n"));
        const std::string block(1024 * 1024, 'x');
        for (std::size_t sent = 0; sent < kBody; sent += block.size())
            ScriptedServer::send(socket, block);
    });
    Client client(server.port(), {}, 64 * 1024);
    const std::int64_t before = residentBytes();
    const Outcome outcome = client.send();
    CHECK(outcome.ok);
    CHECK(outcome.status == 200);
    CHECK(residentBytes() - before < 8 * 1024 * 1024);
}

TEST_CASE("a header line that never ends is a protocol error once it passes 16 KiB, not a growing buffer") {
    ScriptedServer server([](int socket) {
        ScriptedServer::send(socket, "HTTP/1.1 200 OK\r\nX-Endless: ");
        const std::string block(64 * 1024, 'a');
        for (int i = 0; i < 1024; ++i) // 64 MiB unless the client hangs up first
            ScriptedServer::send(socket, block);
    });
    Client client(server.port(), {}, 64 * 1024);
    const Outcome outcome = client.send();
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error == ErrorKind::Protocol);
    CHECK_FALSE(client.connection.isOpen());
}

TEST_CASE("an answer of garbage is a protocol error") {
    ScriptedServer server([](int socket) { ScriptedServer::send(socket, "SSH-2.0-OpenSSH_9.2\r\n\r\n"); });
    Client client(server.port());
    const Outcome outcome = client.send();
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error == ErrorKind::Protocol);
}

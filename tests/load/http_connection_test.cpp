// Tests of load/http_connection.h against the loopback test server: keep-alive, framing, errors.
#include "load/http_connection.h"
#include "load/target_plan.h"
#include "load/url.h"
#include "test_http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <optional>

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
    explicit Client(std::uint16_t port, ClientOptions options = {})
        : endpoints{asio::ip::tcp::endpoint(asio::ip::address_v4::loopback(), port)}
        , connection(io, endpoints, options) {
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
    HttpConnection connection;
    PreparedRequest request;
};

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

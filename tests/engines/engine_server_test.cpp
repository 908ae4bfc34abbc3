// Tests the engine server over real loopback sockets, with a small blocking POSIX client (no Asio)
// so the server is checked by an independent HTTP implementation.
#include "engines/engine_server.h"
#include "model/http/response_parser.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <system_error>

using namespace perflab::engines;

namespace {

struct Reply {
    int status = 0;
    std::string headers;
    std::string body;
};

// One blocking connection to 127.0.0.1 with a 5 s receive timeout, so no test can hang.
class Client {
public:
    explicit Client(std::uint16_t port)
        : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(m_fd >= 0);
        const timeval timeout{5, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    }
    ~Client() { ::close(m_fd); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    void send(const std::string& bytes) {
        for (std::size_t sent = 0; sent < bytes.size();) {
            const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            REQUIRE(n > 0);
            sent += static_cast<std::size_t>(n);
        }
    }

    Reply receive() {
        std::size_t headerEnd;
        while ((headerEnd = m_buffer.find("\r\n\r\n")) == std::string::npos) {
            REQUIRE(fill());
        }
        Reply reply;
        reply.headers = m_buffer.substr(0, headerEnd + 4);
        reply.status = std::stoi(reply.headers.substr(9, 3));
        const std::size_t at = reply.headers.find("Content-Length: ");
        REQUIRE(at != std::string::npos);
        const std::size_t length = std::stoul(reply.headers.substr(at + 16));
        while (m_buffer.size() < headerEnd + 4 + length) {
            REQUIRE(fill());
        }
        reply.body = m_buffer.substr(headerEnd + 4, length);
        m_buffer.erase(0, headerEnd + 4 + length);
        return reply;
    }

    Reply request(const std::string& method, const std::string& path, const std::string& body = {}) {
        send(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body);
        return receive();
    }

    // True when the server closed the connection (EOF) with nothing further to read.
    bool closedByServer() { return m_buffer.empty() && !fill(); }

private:
    bool fill() {
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            return false;
        }
        m_buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int m_fd;
    std::string m_buffer;
};

struct Fixture {
    EngineRegistry registry{EngineOptions{.rows = 2'000, .facts = 5'000, .seed = 5}};
    EngineServer server{registry, "127.0.0.1", 0, 2};
    Fixture() { server.start(); }
};

const std::string kAnalytics = "/engines/analytics/optimized";

} // namespace

TEST_CASE_METHOD(Fixture, "GET /health answers 200 with status ok as JSON") {
    Client client(server.port());
    const Reply reply = client.request("GET", "/health");
    CHECK(reply.status == 200);
    CHECK(reply.body == R"j({"status":"ok"})j");
    CHECK_THAT(reply.headers, Catch::Contains("Content-Type: application/json"));
    CHECK(server.baseUrl() == "http://127.0.0.1:" + std::to_string(server.port()));
    CHECK(server.requestsServed() == 1);
}

TEST_CASE_METHOD(Fixture, "GET /engines lists every engine with its variants, path and a request schema its "
                          "sample request fits") {
    Client client(server.port());
    const Reply reply = client.request("GET", "/engines");
    REQUIRE(reply.status == 200);
    const auto listing = nlohmann::json::parse(reply.body).at("engines");
    REQUIRE(listing.size() == perflab::engines::engineNames().size());
    for (const auto& entry : listing) {
        const std::string name = entry.at("name");
        INFO(name);
        CHECK(entry.at("variants") == nlohmann::json::array({"baseline", "optimized"}));
        CHECK(entry.at("path") == "/engines/" + name + "/<variant>");
        CHECK(!entry.at("mix").get<std::string>().empty());
        const auto& schema = entry.at("request_schema");
        CHECK(schema.at("type") == "object");
        // Every key of the engine's own sample request is one the schema describes, the required ones too.
        const auto sample = nlohmann::json::parse(registry.get(name, "optimized").sampleRequest());
        for (const auto& [key, value] : sample.items())
            CHECK(schema.at("properties").contains(key));
        for (const auto& key : schema.value("required", nlohmann::json::array()))
            CHECK(sample.contains(key.get<std::string>()));
    }
    CHECK(client.request("POST", "/engines").status == 405);
}

TEST_CASE_METHOD(Fixture, "GET /engines/NAME/mix shows the requests a mix run sends, each shape answered") {
    Client client(server.port());
    for (const std::string& name : perflab::engines::engineNames()) {
        INFO(name);
        const Reply reply = client.request("GET", "/engines/" + name + "/mix");
        REQUIRE(reply.status == 200);
        const auto mix = nlohmann::json::parse(reply.body);
        const auto& shapes = mix.at("shapes");
        REQUIRE(!shapes.empty());
        REQUIRE(mix.at("requests").size() == perflab::engines::kRunMixRequests);
        std::vector<std::string> firstOfShape(shapes.size());
        for (const auto& request : mix.at("requests")) {
            const std::size_t shape = request.at("shape");
            REQUIRE(shape < shapes.size());
            if (firstOfShape[shape].empty())
                firstOfShape[shape] = request.at("body").dump();
        }
        for (std::size_t shape = 0; shape < shapes.size(); ++shape) {
            INFO(shapes[shape].get<std::string>());
            REQUIRE(!firstOfShape[shape].empty()); // every shape is drawn
            for (const char* variant : {"baseline", "optimized"})
                CHECK(
                    client.request("POST", "/engines/" + name + "/" + variant, firstOfShape[shape]).status ==
                    200);
        }
    }
    CHECK(client.request("GET", "/engines/nope/mix").status == 404);
}

TEST_CASE_METHOD(Fixture, "POST to an engine returns the same body as calling execute directly") {
    Engine& engine = registry.get("analytics", "baseline");
    Client client(server.port());
    const Reply reply = client.request("POST", "/engines/analytics/baseline", engine.sampleRequest());
    CHECK(reply.status == 200);
    CHECK(reply.body == engine.execute(engine.sampleRequest()).body);
    const Reply bad = client.request("POST", kAnalytics, R"j({"aggregates":["sum(nope)"]})j");
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("unknown column"));
}

TEST_CASE_METHOD(Fixture, "one keep-alive connection serves 100 requests") {
    Client client(server.port());
    const std::string body = registry.get("analytics", "optimized").sampleRequest();
    for (int i = 0; i < 100; ++i) {
        REQUIRE(
            client.request(i % 2 == 0 ? "GET" : "POST", i % 2 == 0 ? "/health" : kAnalytics, body).status ==
            200);
    }
    CHECK(server.requestsServed() == 100);
}

TEST_CASE_METHOD(Fixture, "three pipelined requests in one write are answered in order") {
    Client client(server.port());
    const std::string good = R"j({"aggregates":["count()"]})j";
    const std::string bad = R"j({"aggregates":["count("]})j";
    client.send("GET /health HTTP/1.1\r\n\r\n"
                "POST " +
                kAnalytics + " HTTP/1.1\r\nContent-Length: " + std::to_string(bad.size()) + "\r\n\r\n" + bad +
                "POST " + kAnalytics + " HTTP/1.1\r\nContent-Length: " + std::to_string(good.size()) +
                "\r\n\r\n" + good);
    CHECK(client.receive().body == R"j({"status":"ok"})j");
    CHECK(client.receive().status == 400);
    const Reply third = client.receive();
    CHECK(third.status == 200);
    CHECK_THAT(third.body, Catch::Contains(R"j("count()":2000)j"));
}

TEST_CASE_METHOD(Fixture, "unknown engines and paths give 404, wrong methods 405") {
    Client client(server.port());
    const Reply unknownEngine = client.request("POST", "/engines/search/baseline", "{}");
    CHECK(unknownEngine.status == 404);
    CHECK_THAT(unknownEngine.body, Catch::Contains("available: analytics"));
    CHECK(client.request("POST", "/engines/analytics/turbo", "{}").status == 404);
    CHECK(client.request("GET", "/nowhere").status == 404);
    const Reply wrongMethod = client.request("GET", kAnalytics);
    CHECK(wrongMethod.status == 405);
    CHECK_THAT(wrongMethod.headers, Catch::Contains("Allow: POST"));
    CHECK(client.request("DELETE", "/health").status == 405);
    CHECK(client.request("GET", "/health").status == 200); // the connection survived them all
}

TEST_CASE_METHOD(Fixture, "malformed, chunked and oversized requests are refused and the connection closed") {
    const auto refused = [&](const std::string& wire, int status) {
        Client client(server.port());
        client.send(wire);
        const Reply reply = client.receive();
        CHECK(reply.status == status);
        CHECK_THAT(reply.body, Catch::Contains("error"));
        CHECK(client.closedByServer());
    };
    refused("NONSENSE\r\n\r\n", 400);
    refused("POST " + kAnalytics + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            411);
    refused("POST " + kAnalytics + " HTTP/1.1\r\nContent-Length: 16777217\r\n\r\n", 413);
    std::string bigHeader = "GET /health HTTP/1.1\r\nX-Big: ";
    bigHeader.append(70 * 1024, 'a').append("\r\n\r\n");
    refused(bigHeader, 431);
}

TEST_CASE_METHOD(Fixture, "Connection: close and plain HTTP/1.0 close the connection after the response") {
    Client closing(server.port());
    closing.send("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
    CHECK_THAT(closing.receive().headers, Catch::Contains("Connection: close"));
    CHECK(closing.closedByServer());
    Client old(server.port());
    old.send("GET /health HTTP/1.0\r\n\r\n");
    CHECK(old.receive().status == 200);
    CHECK(old.closedByServer());
}

TEST_CASE_METHOD(Fixture, "binding a busy port throws a system_error naming the address") {
    EngineServer second(registry, "127.0.0.1", server.port());
    try {
        second.start();
        FAIL("start() on a busy port succeeded");
    } catch (const std::system_error& error) {
        CHECK_THAT(error.what(), Catch::Contains("127.0.0.1:" + std::to_string(server.port())));
    }
}

TEST_CASE_METHOD(Fixture, "stop() with open connections returns promptly and closes them") {
    Client idle(server.port());
    Client busy(server.port());
    REQUIRE(busy.request("GET", "/health").status == 200);
    Client partial(server.port());
    partial.send("POST " + kAnalytics + " HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
    const auto started = std::chrono::steady_clock::now();
    server.stop();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    CHECK(idle.closedByServer());
    CHECK(busy.closedByServer());
    CHECK(partial.closedByServer());
    server.stop(); // idempotent
}

TEST_CASE("engine calls are recorded with their time on the server and their status class") {
    EngineRegistry registry{EngineOptions{.rows = 2'000, .facts = 5'000, .seed = 5}};
    EngineServer server{registry, "127.0.0.1", 0, 2};
    perflab::LatencyRecorder calls(2);
    server.recordCallsInto(calls);
    server.start();
    {
        Client client(server.port());
        const std::string body = registry.get("analytics", "optimized").sampleRequest();
        for (int i = 0; i < 10; ++i)
            REQUIRE(client.request("POST", kAnalytics, body).status == 200);
        for (int i = 0; i < 3; ++i)
            REQUIRE(client.request("POST", kAnalytics, R"j({"aggregates":["sum(nope)"]})j").status == 400);
        REQUIRE(client.request("GET", "/health").status == 200); // not an engine call
    }
    server.stop();
    perflab::Interval interval;
    calls.collect(interval);
    CHECK(interval.counts.requests == 13);
    CHECK(interval.counts.errors == 3);
    CHECK(interval.counts.errorsByKind[static_cast<std::size_t>(perflab::ErrorKind::Status4xx)] == 3);
    CHECK(interval.latency.count() == 10); // the 400s are timed apart, as failures
    CHECK(interval.failureTime.count() == 3);
    CHECK(interval.latency.max() > 0);

    perflab::LatencyRecorder tooSmall(1);
    EngineServer other{registry, "127.0.0.1", 0, 2};
    CHECK_THROWS_AS(other.recordCallsInto(tooSmall), std::invalid_argument);
}

TEST_CASE("a degraded engine answer carries Warning 110 and its Age in whole seconds") {
    std::string out;
    appendEngineResponse(out, {.status = 200, .body = R"({"ok":true})", .staleAgeMs = 2'999}, true);
    CHECK(out.find("\r\nWarning: 110 - \"Response is Stale\"\r\n") != std::string::npos);
    CHECK(out.find("\r\nAge: 2\r\n") != std::string::npos);
    perflab::HttpResponseParser parser; // the load generator's reading of it
    parser.reset(false);
    std::size_t consumed = 0;
    REQUIRE(parser.parse(out, consumed) == perflab::HttpResponseParser::Result::Done);
    CHECK(parser.staleAgeMs() == 2'000);

    std::string fresh;
    appendEngineResponse(fresh, {.status = 200, .body = "{}"}, true);
    CHECK(fresh.find("Warning") == std::string::npos);
    CHECK(fresh.find("Age:") == std::string::npos);
}

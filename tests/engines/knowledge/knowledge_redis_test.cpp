// Integration test: the optimized knowledge engine caching through a real redis-server started on a
// free 127.0.0.1 port in a temporary folder, checked through Redis's own statistics.
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/knowledge_optimized.h"
#include "engines/knowledge/redis_result_cache.h"

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

extern char** environ;

using perflab::EventKind;
using namespace perflab::engines;
using namespace perflab::engines::knowledge;

namespace {

std::uint16_t freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    close(fd);
    return ntohs(address.sin_port);
}

std::string shellOutput(const std::string& command) {
    std::string out;
    std::FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        out.append(buffer.data(), n);
    }
    pclose(pipe);
    return out;
}

// redis-server without persistence in its own folder, stopped and removed when the test ends.
class RedisServer {
public:
    RedisServer()
        : m_port(freePort())
        , m_dir(std::filesystem::temp_directory_path() / ("perflab-redis-" + std::to_string(getpid()))) {
        if (shellOutput("command -v redis-server").empty()) {
            FAIL("redis-server is not installed: `make deps` installs it (Debian package redis-server)");
        }
        std::filesystem::create_directories(m_dir);
        const std::string port = std::to_string(m_port);
        const std::string dir = m_dir.string();
        std::vector<std::string> words{
            "redis-server", "--port", port,    "--bind", "127.0.0.1", "--save",   "",
            "--appendonly", "no",     "--dir", dir,      "--logfile", "redis.log"};
        std::vector<char*> argv;
        for (std::string& word : words) {
            argv.push_back(word.data());
        }
        argv.push_back(nullptr);
        REQUIRE(posix_spawnp(&m_pid, "redis-server", nullptr, nullptr, argv.data(), environ) == 0);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (cli("PING") != "PONG\n") {
            REQUIRE(std::chrono::steady_clock::now() < deadline); // redis-server did not come up
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~RedisServer() {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
        std::filesystem::remove_all(m_dir);
    }
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    std::uint16_t port() const noexcept { return m_port; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(m_port); }
    std::string cli(const std::string& command) const {
        return shellOutput("redis-cli -p " + std::to_string(m_port) + " " + command + " 2>/dev/null");
    }
    // A counter of INFO stats, e.g. keyspace_hits.
    long stat(const std::string& name) const {
        const std::string info = cli("INFO stats");
        const std::size_t at = info.find(name + ":");
        REQUIRE(at != std::string::npos);
        return std::stol(info.substr(at + name.size() + 1));
    }

private:
    std::uint16_t m_port;
    std::filesystem::path m_dir;
    pid_t m_pid = 0;
};

constexpr std::size_t kFacts = 5'000;

} // namespace

TEST_CASE("a second identical query is a Redis hit and gets the same answer as the baseline") {
    RedisServer redis;
    KnowledgeOptimized optimized(generateFacts(kFacts, 9),
                                 std::make_unique<RedisResultCache>("127.0.0.1", redis.port(), nullptr));
    KnowledgeBaseline baseline(generateFacts(kFacts, 9));
    const std::string request = R"({"where":[["?p","worksAt","?c"],["?c","locatedIn","city:2"]],"limit":20})";

    const Response first = optimized.execute(request);
    CHECK(redis.stat("keyspace_hits") == 0);
    CHECK(redis.stat("keyspace_misses") == 1);
    CHECK(redis.cli("DBSIZE") == "1\n");
    const Response second = optimized.execute(request);
    CHECK(redis.stat("keyspace_hits") == 1);
    CHECK(second.body == first.body);
    CHECK(first.body == baseline.execute(request).body);

    optimized.execute(
        R"({"where":[["?p","worksAt","?c"],["?c","locatedIn","city:2"]],"limit":20,"cache":false})");
    CHECK(redis.stat("keyspace_hits") + redis.stat("keyspace_misses") == 2); // bypassed
}

TEST_CASE(
    "engines over the same store share answers through Redis, made from options as a scenario sets them") {
    RedisServer redis;
    const EngineOptions options{.facts = kFacts, .resultCache = redis.url()};
    const std::string request = R"({"where":[["?p","bought","product:3"]],"limit":5})";
    const Response fromFirst = makeEngine("knowledge", "optimized", options)->execute(request);
    const Response fromSecond = makeEngine("knowledge", "optimized", options)->execute(request);
    CHECK(redis.stat("keyspace_hits") == 1);
    CHECK(fromSecond.body == fromFirst.body);
    CHECK(makeEngine("knowledge", "baseline", options)->execute(request).body == fromFirst.body);
}

TEST_CASE("when Redis goes away mid-run requests are still answered and one event says so") {
    auto redis = std::make_unique<RedisServer>();
    EngineEvents events;
    std::vector<EventKind> kinds;
    events.setSink([&](EventKind kind, std::string_view) { kinds.push_back(kind); });
    const EngineOptions options{.facts = kFacts, .resultCache = redis->url(), .events = &events};
    const auto engine = makeEngine("knowledge", "optimized", options);
    const std::string request = R"({"where":[["?p","bought","product:3"]],"limit":5})";
    const Response before = engine->execute(request);
    redis.reset();
    for (int i = 0; i < 3; ++i) {
        const Response after = engine->execute(request);
        CHECK(after.status == 200);
        CHECK(after.body == before.body);
    }
    CHECK(kinds == std::vector<EventKind>{EventKind::CacheUnavailable});
}

TEST_CASE("with Redis the engine's figures name it and count what Redis itself counted") {
    RedisServer redis;
    KnowledgeOptimized engine(generateFacts(kFacts, 9),
                              std::make_unique<RedisResultCache>("127.0.0.1", redis.port(), nullptr));
    for (const RequestMix::Request& request : engine.requestMix(200, 42).requests) {
        REQUIRE(engine.execute(request.body).status == 200);
    }
    const std::vector<EngineFigure> figures = engine.takeFigures();
    const auto value = [&](const std::string& name) {
        for (const EngineFigure& figure : figures) {
            if (figure.name == "result cache (redis) " + name) {
                return figure.value;
            }
        }
        FAIL("no figure \"result cache (redis) " << name << "\"");
        return 0.0;
    };
    CHECK(value("hits") == static_cast<double>(redis.stat("keyspace_hits")));
    CHECK(value("misses") == static_cast<double>(redis.stat("keyspace_misses")));
    CHECK(value("hits") > 0);
    CHECK(value("hit latency p95") > 0);
    CHECK(value("miss latency mean") > 0);
}

// EngineServer on Boost.Asio C++20 coroutines: one coroutine per connection (on its own strand),
// keep-alive and pipelined HTTP/1.1, engine calls made on the I/O threads.
//
// All threads run ONE shared io_context rather than one io_context per thread behind SO_REUSEPORT
// acceptors: engine calls are CPU-bound and uneven (a baseline scan takes milliseconds), and with a
// shared queue any idle thread serves the next ready connection, whereas SO_REUSEPORT pins each
// connection to a thread by hash, so one slow call would stall every connection hashed beside it.
#include "engines/engine_server.h"

#include "collectors/resources/process_threads.h"
#include "engines/engine_catalog.h"
#include "model/http/request_parser.h"
#include "model/http/response_writer.h"

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace perflab::engines {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kMaxLingerBytes = 256 * 1024;
constexpr std::chrono::milliseconds kLingerTime{500};

std::string errorJson(std::string_view message) {
    return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A connection's read buffer: bytes [begin, end) are unparsed; reused for the connection's life.
class ReadBuffer {
public:
    std::string_view unparsed() const noexcept { return {m_data.data() + m_begin, m_end - m_begin}; }
    void consume(std::size_t n) noexcept {
        m_begin += n;
        if (m_begin == m_end) {
            m_begin = m_end = 0;
        }
    }
    // Room for the next read; `needed` is the total unparsed size that completes a request, if known.
    asio::mutable_buffer prepare(std::size_t needed) {
        if (m_begin > 0) {
            std::memmove(m_data.data(), m_data.data() + m_begin, m_end - m_begin);
            m_end -= m_begin;
            m_begin = 0;
        }
        const std::size_t wanted = std::max(needed, m_end + kReadChunk);
        if (m_data.size() < wanted) {
            m_data.resize(std::max(wanted, m_data.size() * 2));
        }
        return asio::buffer(m_data.data() + m_end, m_data.size() - m_end);
    }
    void commit(std::size_t n) noexcept { m_end += n; }

private:
    std::vector<char> m_data;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
};

struct Connection {
    ReadBuffer in;
    std::string out;        // responses not yet written (pipelined ones are written together)
    std::string lastTarget; // the last engine path and the engine it named: saves the registry lock
    Engine* lastEngine = nullptr;
};

} // namespace

struct EngineServer::Impl {
    Impl(EngineRegistry& registry_, std::string host_, std::uint16_t port_, unsigned threads_)
        : registry(registry_)
        , host(std::move(host_))
        , requestedPort(port_)
        , threads(std::max(1U, threads_)) {}

    void handle(const HttpRequest& request, Connection& connection, bool keepAlive);
    void callEngine(const HttpRequest& request, Connection& connection, bool keepAlive);
    void showMix(const HttpRequest& request, Connection& connection, bool keepAlive);
    asio::awaitable<void> acceptLoop();
    asio::awaitable<void> serve(tcp::socket socket);
    void runWorker(std::size_t index);

    EngineRegistry& registry;
    const std::string host;
    const std::uint16_t requestedPort;
    const unsigned threads;
    std::mutex lifecycle; // start() / stop()
    std::unique_ptr<asio::io_context> io;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::vector<std::thread> workers;
    std::atomic<std::uint16_t> port{0};
    std::atomic<std::uint64_t> served{0};
    LatencyRecorder* recorder = nullptr;
};

namespace {
constexpr std::string_view kEnginesPrefix = "/engines/";

thread_local LatencyRecorder::Slot* t_callSlot = nullptr; // this I/O thread's slot, when calls are recorded

void recordCall(std::chrono::steady_clock::time_point start, int status, std::int64_t staleAgeMs = -1) {
    if (!t_callSlot)
        return;
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
            .count();
    if (status < 400 && staleAgeMs >= 0)
        t_callSlot->recordDegraded(staleAgeMs);
    else if (status < 400)
        t_callSlot->recordSuccess(us, us);
    else
        t_callSlot->recordError(status < 500 ? ErrorKind::Status4xx : ErrorKind::Status5xx, us, us);
}
} // namespace

void appendEngineResponse(std::string& out, const Response& response, bool keepAlive) {
    std::string stale;
    if (response.staleAgeMs >= 0)
        stale = "Warning: 110 - \"Response is Stale\"\r\nAge: " + std::to_string(response.staleAgeMs / 1000) +
                "\r\n";
    appendResponse(out, {.status = response.status, .keepAlive = keepAlive, .extraHeaders = stale},
                   response.body);
}

void EngineServer::Impl::handle(const HttpRequest& request, Connection& connection, bool keepAlive) {
    if (request.target == "/health") {
        if (request.method != "GET") {
            return appendResponse(connection.out,
                                  {.status = 405, .keepAlive = keepAlive, .extraHeaders = "Allow: GET\r\n"},
                                  errorJson("use GET for /health"));
        }
        return appendResponse(connection.out, {.keepAlive = keepAlive}, R"({"status":"ok"})");
    }
    if (request.target == "/engines" || request.target == "/engines/") {
        if (request.method != "GET")
            return appendResponse(connection.out,
                                  {.status = 405, .keepAlive = keepAlive, .extraHeaders = "Allow: GET\r\n"},
                                  errorJson("use GET for /engines"));
        return appendResponse(connection.out, {.keepAlive = keepAlive}, engineCatalogJson());
    }
    if (request.target.starts_with(kEnginesPrefix)) {
        if (request.method == "GET" && request.target.ends_with("/mix"))
            return showMix(request, connection, keepAlive);
        if (request.method != "POST") {
            return appendResponse(connection.out,
                                  {.status = 405, .keepAlive = keepAlive, .extraHeaders = "Allow: POST\r\n"},
                                  errorJson("use POST for /engines/<name>/<variant>"));
        }
        return callEngine(request, connection, keepAlive);
    }
    appendResponse(connection.out, {.status = 404, .keepAlive = keepAlive},
                   errorJson("no route for " + std::string(request.target) +
                             " (routes: GET /health, GET /engines, GET /engines/<name>/mix, "
                             "POST /engines/<name>/<variant>)"));
}

void EngineServer::Impl::showMix(const HttpRequest& request, Connection& connection, bool keepAlive) {
    const std::string_view name =
        request.target.substr(kEnginesPrefix.size(), request.target.size() - kEnginesPrefix.size() - 4);
    try {
        const RequestMix mix = registry.get(name, "baseline").requestMix(kRunMixRequests, kRunMixSeed);
        appendResponse(connection.out, {.keepAlive = keepAlive}, mixJson(name, mix));
    } catch (const std::invalid_argument& unknown) {
        appendResponse(connection.out, {.status = 404, .keepAlive = keepAlive}, errorJson(unknown.what()));
    }
}

void EngineServer::Impl::callEngine(const HttpRequest& request, Connection& connection, bool keepAlive) {
    if (connection.lastEngine == nullptr || request.target != connection.lastTarget) {
        const std::string_view path = request.target.substr(std::string_view("/engines/").size());
        const std::size_t slash = path.find('/');
        if (slash == std::string_view::npos || path.find('/', slash + 1) != std::string_view::npos) {
            return appendResponse(
                connection.out, {.status = 404, .keepAlive = keepAlive},
                errorJson("expected /engines/<name>/<variant>, got " + std::string(request.target)));
        }
        try {
            connection.lastEngine = &registry.get(path.substr(0, slash), path.substr(slash + 1));
        } catch (const std::invalid_argument& unknown) {
            connection.lastEngine = nullptr;
            return appendResponse(connection.out, {.status = 404, .keepAlive = keepAlive},
                                  errorJson(unknown.what()));
        }
        connection.lastTarget.assign(request.target);
    }
    const auto start = std::chrono::steady_clock::now();
    try {
        const Response response = connection.lastEngine->execute(request.body);
        recordCall(start, response.status, response.staleAgeMs);
        appendEngineResponse(connection.out, response, keepAlive);
    } catch (const std::exception& failure) {
        recordCall(start, 500);
        appendResponse(connection.out, {.status = 500, .keepAlive = keepAlive},
                       errorJson(std::string("engine failed: ") + failure.what()));
    }
}

asio::awaitable<void> EngineServer::Impl::serve(tcp::socket socket) {
    Connection connection;
    for (;;) {
        bool close = false;
        std::uint64_t responses = 0;
        std::size_t needed = 0;
        while (!close) { // answer every request already buffered (pipelining), in order
            const HttpParseResult parsed = parseHttpRequest(connection.in.unparsed());
            if (parsed.state == HttpParseResult::State::NeedMore) {
                needed = parsed.bytesNeeded;
                break;
            }
            ++responses;
            if (parsed.state == HttpParseResult::State::Error) {
                appendResponse(connection.out, {.status = parsed.errorStatus, .keepAlive = false},
                               errorJson(parsed.errorMessage));
                close = true;
                break;
            }
            close = !parsed.request.keepAlive;
            handle(parsed.request, connection, parsed.request.keepAlive);
            connection.in.consume(parsed.consumed);
        }
        // Counted before the write, so a client that has read its response always sees it counted.
        served.fetch_add(responses, std::memory_order_relaxed);
        if (!connection.out.empty()) {
            auto [ec, written] = co_await asio::async_write(socket, asio::buffer(connection.out), kNoThrow);
            if (ec) {
                co_return; // the peer went away: nothing left to answer
            }
            connection.out.clear();
        }
        if (close) {
            break;
        }
        auto [ec, read] = co_await socket.async_read_some(connection.in.prepare(needed), kNoThrow);
        if (ec) {
            co_return; // EOF or reset between (or inside) requests ends the connection
        }
        connection.in.commit(read);
    }
    // Lingering close: read (and drop) what the client is still sending for a moment, so closing
    // with unread data does not reset the connection before the client reads our error response.
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    asio::steady_timer deadline(socket.get_executor(), kLingerTime);
    auto drain = [&socket]() -> asio::awaitable<void> {
        std::array<char, 4096> sink;
        for (std::size_t total = 0; total < kMaxLingerBytes;) {
            auto [ec, n] = co_await socket.async_read_some(asio::buffer(sink), kNoThrow);
            if (ec) {
                co_return;
            }
            total += n;
        }
    };
    co_await (drain() || deadline.async_wait(kNoThrow));
}

asio::awaitable<void> EngineServer::Impl::acceptLoop() {
    asio::steady_timer backoff(co_await asio::this_coro::executor);
    for (;;) {
        auto [ec, socket] = co_await acceptor->async_accept(asio::make_strand(*io), kNoThrow);
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) {
            co_return;
        }
        if (ec) { // out of descriptors or similar: wait rather than spin; pending clients stay queued
            backoff.expires_after(std::chrono::milliseconds(50));
            co_await backoff.async_wait(kNoThrow);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        const auto executor = socket.get_executor();
        asio::co_spawn(executor, serve(std::move(socket)), [](std::exception_ptr failure) {
            if (failure) {
                std::rethrow_exception(failure); // surfaces in runWorker, which reports it
            }
        });
    }
}

void EngineServer::Impl::runWorker(std::size_t index) {
    // The resource sampler counts these threads' CPU as the hosted engine's.
    profiling::nameThisThread(profiling::kEngineThreadName);
    t_callSlot = recorder ? &recorder->slot(index) : nullptr;
    for (;;) {
        try {
            io->run();
            return;
        } catch (const std::exception& failure) {
            // One connection failed unexpectedly (its coroutine is gone); keep serving the others.
            std::fprintf(stderr, "perflab engine server: a connection failed: %s\n", failure.what());
        }
    }
}

EngineServer::EngineServer(EngineRegistry& registry, std::string host, std::uint16_t port, unsigned threads)
    : m_impl(std::make_unique<Impl>(registry, std::move(host), port, threads)) {}

EngineServer::~EngineServer() {
    stop();
}

void EngineServer::start() {
    Impl& impl = *m_impl;
    const std::lock_guard lock(impl.lifecycle);
    if (impl.io) {
        throw std::logic_error("engine server already started on " + baseUrl());
    }
    const std::string address = impl.host + ":" + std::to_string(impl.requestedPort);
    auto io = std::make_unique<asio::io_context>(static_cast<int>(impl.threads));
    boost::system::error_code ec;
    tcp::resolver resolver(*io);
    const auto endpoints = resolver.resolve(impl.host, std::to_string(impl.requestedPort),
                                            tcp::resolver::numeric_service | tcp::resolver::passive, ec);
    if (ec || endpoints.empty()) {
        throw std::system_error(ec, "cannot resolve engine server address " + address);
    }
    auto acceptor = std::make_unique<tcp::acceptor>(*io);
    const tcp::endpoint endpoint = endpoints.begin()->endpoint();
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor->set_option(tcp::acceptor::reuse_address(true), ec); // rebinding during TIME_WAIT only
    }
    if (!ec) {
        acceptor->bind(endpoint, ec);
    }
    if (!ec) {
        acceptor->listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw std::system_error(ec, "cannot listen on " + address);
    }
    impl.port = acceptor->local_endpoint().port();
    impl.io = std::move(io);
    impl.acceptor = std::move(acceptor);
    asio::co_spawn(*impl.io, impl.acceptLoop(), [](std::exception_ptr failure) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    });
    for (unsigned i = 0; i < impl.threads; ++i) {
        impl.workers.emplace_back([&impl, i] { impl.runWorker(i); });
    }
}

void EngineServer::stop() {
    Impl& impl = *m_impl;
    const std::lock_guard lock(impl.lifecycle);
    if (!impl.io) {
        return;
    }
    impl.io->stop(); // threads return once their current handler (at most one engine call) ends
    for (std::thread& worker : impl.workers) {
        worker.join();
    }
    impl.workers.clear();
    // No thread runs the io_context now: closing the acceptor and destroying the io_context (which
    // destroys every suspended connection coroutine, closing its socket) cannot race a handler.
    impl.acceptor.reset();
    impl.io.reset();
}

void EngineServer::recordCallsInto(LatencyRecorder& recorder) {
    if (recorder.size() < m_impl->threads)
        throw std::invalid_argument("engine server: the recorder has " + std::to_string(recorder.size()) +
                                    " slots for " + std::to_string(m_impl->threads) + " threads");
    m_impl->recorder = &recorder;
}

std::uint16_t EngineServer::port() const noexcept {
    return m_impl->port;
}

std::string EngineServer::baseUrl() const {
    const bool ipv6 = m_impl->host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + m_impl->host + "]" : m_impl->host) + ":" + std::to_string(port());
}

std::uint64_t EngineServer::requestsServed() const noexcept {
    return m_impl->served;
}

} // namespace perflab::engines

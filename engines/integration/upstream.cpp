// The upstream on Boost.Asio coroutines, one thread: a coroutine per connection reads a request, rolls the
// injected faults, waits out the service time on a timer and answers.
#include "engines/integration/upstream.h"

#include "engines/integration/item_catalog.h"
#include "model/http/request_parser.h"
#include "model/http/response_writer.h"

#include <boost/asio.hpp>

#include <atomic>
#include <charconv>
#include <optional>
#include <random>
#include <system_error>
#include <thread>

namespace perflab::engines::integration {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 4096;

std::string reply(int status, std::string_view body, bool keepAlive) {
    std::string out;
    appendResponse(out, {.status = status, .keepAlive = keepAlive}, body);
    return out;
}

// What the upstream does with one request under the current faults.
enum class Fate { Answer, Fail, Reset, Drop };

// The ids of "/items/<id>" or "/items/batch/<id>,<id>..."; nullopt for any other target.
std::optional<std::vector<std::uint32_t>> itemIds(std::string_view target, bool& batch) {
    constexpr std::string_view kItem = "/items/";
    constexpr std::string_view kBatch = "/items/batch/";
    batch = target.starts_with(kBatch);
    if (!batch && !target.starts_with(kItem))
        return std::nullopt;
    std::string_view rest = target.substr(batch ? kBatch.size() : kItem.size());
    std::vector<std::uint32_t> ids;
    for (;;) {
        std::uint32_t id = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
        if (ec != std::errc{} || ids.size() == kMaxBatchItems)
            return std::nullopt;
        ids.push_back(id);
        rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
        if (rest.empty())
            return ids;
        if (!batch || rest.front() != ',')
            return std::nullopt;
        rest.remove_prefix(1);
    }
}

} // namespace

struct Upstream::Impl {
    explicit Impl(UpstreamOptions options_)
        : options(options_)
        , dice(options_.seed) {}

    Fate roll(const FaultSettings& settings) {
        if (settings.outage)
            return Fate::Drop;
        std::uniform_real_distribution<double> uniform(0, 1);
        if (settings.resetRate > 0 && uniform(dice) < settings.resetRate)
            return Fate::Reset;
        if (settings.errorRate > 0 && uniform(dice) < settings.errorRate)
            return Fate::Fail;
        return Fate::Answer;
    }
    std::string answer(const HttpRequest& request, Fate fate) const;
    asio::awaitable<void> serve(tcp::socket socket);
    asio::awaitable<void> acceptLoop();

    const UpstreamOptions options;
    UpstreamFaults faults;
    std::mt19937_64 dice; // only the I/O thread rolls
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    std::uint16_t port = 0;
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::uint64_t> answered{0};
    std::thread thread;
};

std::string Upstream::Impl::answer(const HttpRequest& request, Fate fate) const {
    if (fate == Fate::Fail)
        return reply(503, R"({"error":"the upstream is failing: an injected fault"})", request.keepAlive);
    bool batch = false;
    const auto ids = request.method == "GET" ? itemIds(request.target, batch) : std::nullopt;
    if (!ids)
        return reply(404,
                     "{\"error\":\"routes: GET /items/<id>, GET /items/batch/<id>,<id>... (up to " +
                         std::to_string(kMaxBatchItems) + " ids)\"}",
                     request.keepAlive);
    if (!batch)
        return reply(200, toJson(catalogItem(ids->front(), options.seed)), request.keepAlive);
    std::vector<Item> items;
    items.reserve(ids->size());
    for (const std::uint32_t id : *ids)
        items.push_back(catalogItem(id, options.seed));
    return reply(200, toJson(items), request.keepAlive);
}

asio::awaitable<void> Upstream::Impl::serve(tcp::socket socket) {
    std::string received;
    asio::steady_timer serviceTimer(socket.get_executor());
    for (;;) {
        HttpParseResult parsed = parseHttpRequest(received);
        while (parsed.state == HttpParseResult::State::NeedMore) {
            const std::size_t had = received.size();
            received.resize(had + kReadChunk);
            auto [ec, n] =
                co_await socket.async_read_some(asio::buffer(received.data() + had, kReadChunk), kNoThrow);
            received.resize(had + n);
            if (ec)
                co_return; // the client went away
            parsed = parseHttpRequest(received);
        }
        const FaultSettings current = faults.current();
        const Fate fate = parsed.state == HttpParseResult::State::Error ? Fate::Drop : roll(current);
        if (fate == Fate::Drop)
            co_return; // closing unanswered is what a client sees of an outage
        if (fate == Fate::Reset) {
            boost::system::error_code ignored;
            socket.set_option(asio::socket_base::linger(true, 0), ignored); // close sends RST
            co_return;
        }
        serviceTimer.expires_after(options.serviceTime + current.addedLatency);
        co_await serviceTimer.async_wait(kNoThrow);
        const std::string out = answer(parsed.request, fate);
        const bool keepAlive = parsed.request.keepAlive;
        received.erase(0, parsed.consumed);
        answered.fetch_add(1, std::memory_order_relaxed);
        auto [ec, written] = co_await asio::async_write(socket, asio::buffer(out), kNoThrow);
        if (ec || !keepAlive)
            co_return;
    }
}

asio::awaitable<void> Upstream::Impl::acceptLoop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
        if (!acceptor.is_open())
            co_return;
        if (ec)
            continue; // a connection that failed before we took it: the next one is unaffected
        accepted.fetch_add(1, std::memory_order_relaxed);
        if (faults.current().outage)
            continue; // dropped at once: the socket closes as it goes out of scope
        socket.set_option(tcp::no_delay(true), ec);
        asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
}

Upstream::Upstream(UpstreamOptions options)
    : m_impl(std::make_unique<Impl>(options)) {
    Impl& impl = *m_impl;
    const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), 0);
    boost::system::error_code ec;
    impl.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        impl.acceptor.bind(endpoint, ec);
    if (!ec)
        impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::system_error(ec, "cannot start the upstream on 127.0.0.1");
    impl.port = impl.acceptor.local_endpoint().port();
    asio::co_spawn(impl.io, impl.acceptLoop(), asio::detached);
    impl.thread = std::thread([&impl] { impl.io.run(); });
}

Upstream::~Upstream() {
    m_impl->io.stop();
    m_impl->thread.join();
}

std::uint16_t Upstream::port() const noexcept {
    return m_impl->port;
}

const UpstreamOptions& Upstream::options() const noexcept {
    return m_impl->options;
}

UpstreamFaults& Upstream::faults() noexcept {
    return m_impl->faults;
}

std::uint64_t Upstream::connectionsAccepted() const noexcept {
    return m_impl->accepted.load();
}

std::uint64_t Upstream::requestsAnswered() const noexcept {
    return m_impl->answered.load();
}

} // namespace perflab::engines::integration

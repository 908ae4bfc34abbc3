// HTTP/1.1 keep-alive client connection: one request at a time, deadline enforced by closing the socket.
#include "load/http/http_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>

namespace perflab::load {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

HttpConnection::HttpConnection(asio::io_context& io, std::span<const tcp::endpoint> endpoints,
                               const ClientOptions& options, std::span<char> readBuffer)
    : m_socket(io)
    , m_deadline(io)
    , m_endpoints(endpoints)
    , m_options(options)
    , m_readBuffer(readBuffer) {}

asio::awaitable<Outcome> HttpConnection::roundTrip(const PreparedRequest& request) {
    m_timedOut = false;
    armDeadline(std::chrono::steady_clock::now() + m_options.requestTimeout);
    bool reused = m_socket.is_open();
    Outcome outcome = Outcome::failure(ErrorKind::Io);
    while (!m_aborted) {
        if (!m_socket.is_open()) {
            outcome = co_await connect();
            if (!outcome.ok)
                break;
        }
        // A server may close an idle keep-alive connection just before we reuse it: retry once, fresh.
        if (co_await exchange(request, outcome) == Attempt::Done || !reused || m_aborted)
            break;
        reused = false;
    }
    disarmDeadline();
    co_return outcome;
}

asio::awaitable<Outcome> HttpConnection::connect() {
    const auto requestDeadline = m_deadline.expiry();
    armDeadline(std::min(requestDeadline, std::chrono::steady_clock::now() + m_options.connectTimeout));
    error_code ec;
    co_await asio::async_connect(m_socket, m_endpoints, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        close(); // a connect that timed out is still a failure to connect
        co_return Outcome::failure(ErrorKind::Connect);
    }
    armDeadline(requestDeadline);
    m_socket.set_option(tcp::no_delay(true), ec);
    m_socket.non_blocking(true, ec); // reads happen after a readiness wait and must never block the worker
    ++m_connects;
    m_partialLine.clear();
    co_return Outcome{};
}

asio::awaitable<HttpConnection::Attempt> HttpConnection::exchange(const PreparedRequest& request,
                                                                  Outcome& outcome) {
    error_code ec;
    co_await asio::async_write(m_socket, asio::buffer(request.bytes),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        outcome = ioFailure();
        close();
        co_return m_timedOut ? Attempt::Done : Attempt::StaleConnection;
    }
    m_parser.reset(request.head);
    bool receivedAnything = false;
    outcome = co_await readResponse(receivedAnything);
    const bool stale = !outcome.ok && outcome.error == ErrorKind::Io && !receivedAnything;
    co_return stale ? Attempt::StaleConnection : Attempt::Done;
}

asio::awaitable<Outcome> HttpConnection::readResponse(bool& receivedAnything) {
    for (;;) {
        error_code ec;
        co_await m_socket.async_wait(tcp::socket::wait_read, asio::redirect_error(asio::use_awaitable, ec));
        std::size_t n = 0;
        if (!ec)
            n = m_socket.read_some(asio::buffer(m_readBuffer), ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again)
            continue; // a spurious wake-up
        if (ec == asio::error::eof && m_parser.finishAtEof() == HttpResponseParser::Result::Done) {
            close();
            co_return answered();
        }
        if (ec) {
            const Outcome failure = ioFailure();
            close();
            co_return failure;
        }
        receivedAnything = true;
        const auto result = parseReceived(n);
        if (result == HttpResponseParser::Result::Done)
            break;
        if (result == HttpResponseParser::Result::Error) {
            close();
            co_return Outcome::failure(ErrorKind::Protocol);
        }
    }
    m_partialLine.clear(); // we never pipeline, so bytes after the response belong to nothing
    if (!m_parser.keepAlive())
        close();
    co_return answered();
}

Outcome HttpConnection::answered() const noexcept {
    Outcome outcome = Outcome::fromHttpStatus(m_parser.status());
    if (outcome.ok) // a stale error is still an error
        outcome.staleAgeMs = m_parser.staleAgeMs();
    return outcome;
}

HttpResponseParser::Result HttpConnection::parseReceived(std::size_t bytes) {
    std::string_view data(m_readBuffer.data(), bytes);
    if (!m_partialLine.empty()) {
        m_partialLine.append(data);
        data = m_partialLine;
    }
    std::size_t consumed = 0;
    const auto result = m_parser.parse(data, consumed);
    if (result != HttpResponseParser::Result::NeedMore)
        return result;
    const std::string_view rest = data.substr(consumed);
    if (rest.size() > kMaxResponseLineBytes)
        return HttpResponseParser::Result::Error; // a line that never ends must not grow without bound
    if (data.data() == m_partialLine.data())
        m_partialLine.erase(0, consumed);
    else
        m_partialLine.assign(rest);
    return result;
}

void HttpConnection::armDeadline(std::chrono::steady_clock::time_point at) {
    m_deadline.expires_at(at);
    m_deadline.async_wait([this, generation = ++m_generation](const error_code& ec) {
        if (!ec && generation == m_generation) {
            m_timedOut = true;
            error_code ignored;
            m_socket.close(ignored); // fails the pending operation, which then reports Timeout
        }
    });
}

void HttpConnection::disarmDeadline() noexcept {
    ++m_generation;
    m_deadline.cancel();
}

Outcome HttpConnection::ioFailure() const noexcept {
    return Outcome::failure(m_timedOut ? ErrorKind::Timeout : ErrorKind::Io);
}

void HttpConnection::abort() noexcept {
    m_aborted = true;
    close();
}

void HttpConnection::close() noexcept {
    disarmDeadline();
    error_code ignored;
    m_socket.close(ignored);
    m_partialLine.clear();
}

} // namespace perflab::load

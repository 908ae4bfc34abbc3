// Resolves hosts once and formats every request's bytes once, so workers only pick and write.
#include "load/target_plan.h"

#include "load/http/url.h"
#include "model/http/header_fields.h"

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <stdexcept>

namespace perflab::load {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

bool hasHeader(const HttpRequestSpec& spec, std::string_view name) {
    return std::any_of(spec.headers.begin(), spec.headers.end(),
                       [name](const auto& header) { return equalsIgnoringCase(header.first, name); });
}

std::vector<tcp::endpoint> resolve(const std::string& host, std::uint16_t port) {
    asio::io_context io;
    tcp::resolver resolver(io);
    boost::system::error_code ec;
    const auto results = resolver.resolve(host, std::to_string(port), ec);
    if (ec || results.empty())
        throw std::runtime_error("cannot resolve host '" + host +
                                 "': " + (ec ? ec.message() : std::string("no addresses")));
    std::vector<tcp::endpoint> endpoints;
    for (const auto& entry : results)
        endpoints.push_back(entry.endpoint());
    return endpoints;
}

} // namespace

std::string formatRequest(const HttpRequestSpec& spec, const Url& url) {
    std::string bytes = spec.method + " " + url.target + " HTTP/1.1\r\n";
    if (!hasHeader(spec, "host"))
        bytes += "Host: " + url.hostHeader + "\r\n";
    if (!hasHeader(spec, "user-agent"))
        bytes += "User-Agent: perflab\r\n";
    for (const auto& [name, value] : spec.headers)
        bytes += name + ": " + value + "\r\n";
    if (!hasHeader(spec, "content-length") &&
        (!spec.body.empty() || spec.method == "POST" || spec.method == "PUT"))
        bytes += "Content-Length: " + std::to_string(spec.body.size()) + "\r\n";
    bytes += "\r\n";
    bytes += spec.body;
    return bytes;
}

TargetPlan::TargetPlan(const ResolvedTarget& target, ClientOptions options)
    : m_engine(target.engine)
    , m_engineRequests(target.engineRequests)
    , m_engineThreads(target.engineThreads)
    , m_options(options) {
    if (m_engine) {
        if (m_engineRequests.empty())
            throw std::invalid_argument("the engine target has no request to send");
        for (const auto& request : m_engineRequests)
            m_partCount = std::max<std::size_t>(m_partCount, request.shape + 1);
        return;
    }
    if (target.http.empty())
        throw std::invalid_argument("the target has neither an engine nor HTTP requests");
    if (!target.httpParts.empty() && target.httpParts.size() != target.http.size())
        throw std::invalid_argument("the target names the parts of some of its requests only");
    double total = 0;
    for (std::size_t i = 0; i < target.http.size(); ++i) {
        const HttpRequestSpec& spec = target.http[i];
        if (!(spec.weight > 0))
            throw std::invalid_argument("request " + std::to_string(i) + " (" + spec.url +
                                        "): weight must be positive, got " + std::to_string(spec.weight));
        const Url url = parseUrl(spec.url);
        const auto part = target.httpParts.empty() ? static_cast<std::uint32_t>(i) : target.httpParts[i];
        m_requests.push_back({.bytes = formatRequest(spec, url),
                              .endpoint = endpointFor(url.host, url.port),
                              .head = spec.method == "HEAD",
                              .part = part});
        m_partCount = std::max<std::size_t>(m_partCount, part + 1);
        total += spec.weight;
        m_cumulativeWeights.push_back(total);
    }
}

std::size_t TargetPlan::endpointFor(const std::string& host, std::uint16_t port) {
    const std::string key = host + ":" + std::to_string(port);
    const auto found = std::find(m_endpointKeys.begin(), m_endpointKeys.end(), key);
    if (found != m_endpointKeys.end())
        return static_cast<std::size_t>(found - m_endpointKeys.begin());
    m_endpoints.push_back(resolve(host, port));
    m_endpointKeys.push_back(key);
    return m_endpoints.size() - 1;
}

const engines::RequestMix::Request& TargetPlan::pickEngineRequest(std::mt19937_64& rng) const noexcept {
    if (m_engineRequests.size() == 1)
        return m_engineRequests.front();
    return m_engineRequests[std::uniform_int_distribution<std::size_t>(0, m_engineRequests.size() - 1)(rng)];
}

const PreparedRequest& TargetPlan::pick(std::mt19937_64& rng) const noexcept {
    if (m_requests.size() == 1)
        return m_requests.front();
    const double draw = std::uniform_real_distribution<double>(0, m_cumulativeWeights.back())(rng);
    const auto it = std::upper_bound(m_cumulativeWeights.begin(), m_cumulativeWeights.end(), draw);
    const auto index =
        std::min(static_cast<std::size_t>(it - m_cumulativeWeights.begin()), m_requests.size() - 1);
    return m_requests[index];
}

} // namespace perflab::load

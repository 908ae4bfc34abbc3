// What each request sends, decided once before the run: an in-process engine call, or weighted HTTP
// requests preformatted to bytes with their hosts resolved.
#pragma once

#include "load/http/http_connection.h"
#include "load/http/url.h"
#include "load/load_runner.h"

#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace perflab::load {

class TargetPlan {
public:
    // Throws std::invalid_argument for a bad URL or weight, std::runtime_error when a host does not resolve.
    explicit TargetPlan(const ResolvedTarget& target, ClientOptions options = {});

    engines::Engine* engine() const noexcept { return m_engine; }
    // Draws one of the engine's requests, uniformly; one request needs no draw.
    const engines::RequestMix::Request& pickEngineRequest(std::mt19937_64& rng) const noexcept;
    unsigned engineThreads() const noexcept { return m_engineThreads; }

    std::size_t endpointCount() const noexcept { return m_endpoints.size(); }
    std::span<const boost::asio::ip::tcp::endpoint> endpoints(std::size_t index) const noexcept {
        return m_endpoints[index];
    }
    const ClientOptions& clientOptions() const noexcept { return m_options; }

    // Draws a request by weight; one request needs no draw.
    const PreparedRequest& pick(std::mt19937_64& rng) const noexcept;
    const std::vector<PreparedRequest>& requests() const noexcept { return m_requests; }
    // How many parts the traffic is counted in (PreparedRequest::part, RequestMix::Request::shape).
    std::size_t partCount() const noexcept { return m_partCount; }

private:
    std::size_t endpointFor(const std::string& host, std::uint16_t port);

    engines::Engine* m_engine = nullptr;
    std::vector<engines::RequestMix::Request> m_engineRequests;
    unsigned m_engineThreads = 0;
    std::size_t m_partCount = 0;
    ClientOptions m_options;
    std::vector<PreparedRequest> m_requests;
    std::vector<double> m_cumulativeWeights;
    std::vector<std::string> m_endpointKeys; // "host:port", parallel to m_endpoints
    std::vector<std::vector<boost::asio::ip::tcp::endpoint>> m_endpoints;
};

// The bytes of one request; adds Host, Content-Length and a User-Agent unless the spec sets them.
std::string formatRequest(const HttpRequestSpec& spec, const Url& url);

} // namespace perflab::load

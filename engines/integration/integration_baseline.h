// The integration engine's baseline: each item is one upstream call on a new connection, one after another.
#pragma once

#include "engines/engine.h"

#include <chrono>
#include <cstdint>

namespace perflab::engines::integration {

class Upstream;

class IntegrationBaseline final : public Engine {
public:
    IntegrationBaseline(const Upstream& upstream, const EngineOptions& options);
    std::string_view name() const noexcept override { return "integration"; }
    std::string_view variant() const noexcept override { return "baseline"; }
    // Any failed call fails the whole request with 502, naming the item and what went wrong.
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override;

private:
    std::uint16_t m_port;
    unsigned m_seed;
};

// Per call: generous, as a client without retries must be.
inline constexpr std::chrono::milliseconds kBaselineCallTimeout{1000};

} // namespace perflab::engines::integration

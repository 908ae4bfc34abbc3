// The integration engine's baseline: each item is one upstream call on a new connection, one after another.
#pragma once

#include "engines/integration/integration_engine.h"

#include <chrono>
#include <cstdint>

namespace perflab::engines::integration {

class Upstream;

class IntegrationBaseline final : public IntegrationEngine {
public:
    IntegrationBaseline(const Upstream& upstream, const EngineOptions& options);
    std::string_view variant() const noexcept override { return "baseline"; }

private:
    // Any failed call fails the whole request with 502, naming the item and what went wrong.
    Response answer(const std::vector<std::uint32_t>& ids) override;

    std::uint16_t m_port;
};

// Per call: generous, as a client without retries must be.
inline constexpr std::chrono::milliseconds kBaselineCallTimeout{1000};

} // namespace perflab::engines::integration

// An engine wrapper that keeps memory from every request: the deliberate leak a soak's verdict should catch.
#pragma once

#include "engines/engine.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace perflab::engines {

class LeakingEngine final : public Engine {
public:
    LeakingEngine(std::unique_ptr<Engine> inner, std::size_t bytesPerRequest);

    std::string_view name() const noexcept override { return m_inner->name(); }
    std::string_view variant() const noexcept override { return m_inner->variant(); }
    // Keeps bytesPerRequest, written so they are resident, until the engine goes; then answers as the
    // inner engine does.
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override { return m_inner->sampleRequest(); }
    RequestMix requestMix(std::size_t count, std::uint64_t seed) const override {
        return m_inner->requestMix(count, seed);
    }
    std::vector<EngineFigure> takeFigures() override { return m_inner->takeFigures(); }

private:
    std::unique_ptr<Engine> m_inner;
    std::size_t m_bytesPerRequest;
    std::mutex m_mutex; // a deliberate leak may take a lock: it is not the path being measured
    std::vector<std::unique_ptr<char[]>> m_kept;
};

} // namespace perflab::engines

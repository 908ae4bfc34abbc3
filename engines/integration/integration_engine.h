// What both integration variants share: the engine's name, its request format and sample request; a variant
// says only how it gets the items of a valid request.
#pragma once

#include "engines/engine.h"

#include <cstdint>
#include <vector>

namespace perflab::engines::integration {

class IntegrationEngine : public Engine {
public:
    explicit IntegrationEngine(unsigned seed)
        : m_seed(seed) {}
    std::string_view name() const noexcept final { return "integration"; }
    // A request that is not a list of item ids is a 400 saying what is wrong; a valid one goes to answer().
    Response execute(std::string_view request) final;
    std::string sampleRequest() const final;

protected:
    virtual Response answer(const std::vector<std::uint32_t>& ids) = 0;

private:
    unsigned m_seed;
};

} // namespace perflab::engines::integration

// What both integration variants share: the engine's name, its request format and sample request; a variant
// says only how it gets the items of a valid request.
#pragma once

#include "collectors/zones/zone_site.h"
#include "engines/engine.h"

#include <cstdint>
#include <vector>

namespace perflab::engines::integration {

class IntegrationEngine : public Engine {
public:
    // executeZone names the variant's execute() in zones.
    IntegrationEngine(unsigned seed, const ZoneSite& executeZone)
        : m_seed(seed)
        , m_executeZone(executeZone) {}
    std::string_view name() const noexcept final { return "integration"; }
    // A request that is not a list of item ids is a 400 saying what is wrong; a valid one goes to answer().
    Response execute(std::string_view request) final;
    std::string sampleRequest() const final;
    // The same for both variants: item_mix.h says what it holds.
    RequestMix requestMix(std::size_t count, std::uint64_t seed) const final;

protected:
    virtual Response answer(const std::vector<std::uint32_t>& ids) = 0;

private:
    unsigned m_seed;
    const ZoneSite& m_executeZone;
};

} // namespace perflab::engines::integration

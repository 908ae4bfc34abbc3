// Request validation and the sample request, once for both variants.
#include "engines/integration/integration_engine.h"

#include "collectors/zones/zone.h"
#include "engines/integration/enrichment.h"
#include "engines/integration/item_mix.h"

#include <stdexcept>

namespace perflab::engines::integration {

Response IntegrationEngine::execute(std::string_view request) {
    const Zone zone(m_executeZone);
    std::vector<std::uint32_t> ids;
    try {
        PERFLAB_ZONE("integration.parse");
        ids = parseItemIds(request);
    } catch (const std::invalid_argument& bad) {
        return errorResponse(400, bad.what());
    }
    return answer(ids);
}

std::string IntegrationEngine::sampleRequest() const {
    return sampleItemsRequest(m_seed);
}

RequestMix IntegrationEngine::requestMix(std::size_t count, std::uint64_t seed) const {
    return itemRequestMix(count, seed);
}

} // namespace perflab::engines::integration

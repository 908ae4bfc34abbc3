// Baseline: the client most code starts with (connect, ask, read, close; next item).
#include "engines/integration/integration_baseline.h"

#include "collectors/zones/zone.h"
#include "engines/integration/blocking_client.h"
#include "engines/integration/enrichment.h"
#include "engines/integration/upstream.h"

#include <stdexcept>

namespace perflab::engines::integration {

namespace {
constexpr ZoneSite kExecuteZone = PERFLAB_ZONE_SITE("integration.baseline");
} // namespace

IntegrationBaseline::IntegrationBaseline(const Upstream& upstream, const EngineOptions& options)
    : IntegrationEngine(options.seed, kExecuteZone)
    , m_port(upstream.port()) {}

Response IntegrationBaseline::answer(const std::vector<std::uint32_t>& ids) {
    std::vector<EnrichedItem> items;
    items.reserve(ids.size());
    for (const std::uint32_t id : ids) {
        try {
            PERFLAB_ZONE("integration.upstream_call"); // connect, ask, read, close
            const UpstreamReply reply = callOnce(m_port, itemRequest(id, false), kBaselineCallTimeout);
            if (reply.status != 200)
                return errorResponse(502, "item " + std::to_string(id) + ": the upstream answered " +
                                              std::to_string(reply.status));
            items.push_back({.item = parseItem(reply.body)});
        } catch (const std::runtime_error& failure) {
            return errorResponse(502, "item " + std::to_string(id) + ": " + failure.what());
        }
    }
    PERFLAB_ZONE("integration.render");
    return {.status = 200, .body = answerJson(items)};
}

} // namespace perflab::engines::integration

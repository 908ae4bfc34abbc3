// Optimized analytics: look the request up in the plan cache, compile it on a miss, run it.
#include "engines/analytics/analytics_optimized.h"

#include "collectors/zones/zone.h"
#include "engines/analytics/analytics_baseline.h"
#include "engines/analytics/analytics_request_mix.h"
#include "engines/analytics/analytics_result.h"

namespace perflab::engines::analytics {

AnalyticsOptimized::AnalyticsOptimized(const EngineOptions& options)
    : m_table(ColumnarTable::generate(options.rows, options.seed)) {}

AnalyticsOptimized::AnalyticsOptimized(const std::vector<SalesRow>& rows)
    : m_table(ColumnarTable::fromRows(rows)) {}

Response AnalyticsOptimized::execute(std::string_view request) {
    PERFLAB_ZONE("analytics.optimized");
    std::shared_ptr<const CompiledQuery> plan;
    {
        PERFLAB_ZONE("analytics.plan_cache");
        plan = m_plans.find(request);
    }
    if (!plan) {
        PERFLAB_ZONE("analytics.compile"); // parse, compile, cache
        try {
            plan = m_plans.insert(request, std::make_shared<const CompiledQuery>(parseQuery(request)));
        } catch (const RequestError& error) {
            return {400, renderError(error.what())};
        }
    }
    const SamplePool::Lease samples = m_samples.acquire();
    const QueryResult result = plan->run(m_table, *samples);
    PERFLAB_ZONE("analytics.render");
    return {200, renderResult(plan->query(), result)};
}

RequestMix AnalyticsOptimized::requestMix(std::size_t count, std::uint64_t seed) const {
    return analyticsRequestMix(count, seed);
}

std::string AnalyticsOptimized::sampleRequest() const {
    return analyticsSampleRequest();
}

} // namespace perflab::engines::analytics

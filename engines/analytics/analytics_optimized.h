// The analytics engine's optimized variant: a column store and requests compiled once into fused
// block kernels, cached by request text.
#pragma once

#include "engines/analytics/analytics_plan_cache.h"
#include "engines/analytics/analytics_sample_pool.h"
#include "engines/analytics/analytics_table.h"
#include "engines/engine.h"

namespace perflab::engines::analytics {

class AnalyticsOptimized final : public Engine {
public:
    static constexpr std::size_t kCachedPlans = 256;
    static constexpr std::size_t kIdleSampleBuffers = 8; // more than the callers a run usually has

    explicit AnalyticsOptimized(const EngineOptions& options);
    explicit AnalyticsOptimized(const std::vector<SalesRow>& rows);

    std::string_view name() const noexcept override { return "analytics"; }
    std::string_view variant() const noexcept override { return "optimized"; }
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override;
    RequestMix requestMix(std::size_t count, std::uint64_t seed) const override;
    std::size_t cachedPlans() const { return m_plans.size(); }

private:
    ColumnarTable m_table;
    PlanCache m_plans{kCachedPlans};
    SamplePool m_samples{kIdleSampleBuffers};
};

} // namespace perflab::engines::analytics

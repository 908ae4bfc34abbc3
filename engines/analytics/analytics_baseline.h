// The analytics engine's baseline: rows as structs, each request parsed and interpreted row by row.
#pragma once

#include "engines/analytics/analytics_table.h"
#include "engines/engine.h"

#include <vector>

namespace perflab::engines::analytics {

class AnalyticsBaseline final : public Engine {
public:
    explicit AnalyticsBaseline(const EngineOptions& options);
    explicit AnalyticsBaseline(std::vector<SalesRow> rows);

    std::string_view name() const noexcept override { return "analytics"; }
    std::string_view variant() const noexcept override { return "baseline"; }
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override;
    RequestMix requestMix(std::size_t count, std::uint64_t seed) const override;

private:
    std::vector<SalesRow> m_rows;
};

// The request both variants offer as their sample.
std::string analyticsSampleRequest();

} // namespace perflab::engines::analytics

// The knowledge engine's baseline: patterns joined in the order written, each by a full scan of the
// fact list for every partial answer (nested loops, no index, no cache).
#pragma once

#include "engines/engine.h"
#include "engines/knowledge/fact_store.h"

namespace perflab::engines::knowledge {

class KnowledgeBaseline final : public Engine {
public:
    explicit KnowledgeBaseline(const EngineOptions& options);
    explicit KnowledgeBaseline(FactStore store);

    std::string_view name() const noexcept override { return "knowledge"; }
    std::string_view variant() const noexcept override { return "baseline"; }
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override;
    RequestMix requestMix(std::size_t count, std::uint64_t) const override {
        RequestMix mix{.shapes = {"sample"}, .requests = {}};
        mix.requests.assign(count, {.shape = 0, .body = sampleRequest()});
        return mix;
    }

private:
    FactStore m_store;
};

// The request both variants offer as their sample: where the buyers of a niche product work and in which
// city (7 buyers in the default store: the baseline scans the facts 15 times).
std::string knowledgeSampleRequest();

} // namespace perflab::engines::knowledge

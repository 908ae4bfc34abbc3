// The hosted engines' descriptions and request schemas.
#include "engines/engine_catalog.h"

#include "engines/engine.h"

#include <nlohmann/json.hpp>

namespace perflab::engines {

const std::vector<EngineInfo>& engineCatalog() {
    static const std::vector<EngineInfo> catalog{
        {"analytics",
         "Group-by aggregations with filters over a seeded table of sales rows. Baseline: row-at-a-time "
         "interpretation; optimized: columnar, vectorized kernels compiled once per request text.",
         R"({"type":"object","required":["aggregates"],"additionalProperties":false,"properties":{
             "group_by":{"type":"string","description":"a column to group by, e.g. \"region\""},
             "aggregates":{"type":"array","minItems":1,"items":{"type":"string"},
               "description":"sum, mean, min, max or pN of an expression, or count(): \"sum(price*quantity)\", \"p95(price)\""},
             "filter":{"type":"string","description":"a condition, e.g. \"quantity > 5 and discount < 0.2\""}}})",
         "the sample request, repeated"},
        {"knowledge",
         "Conjunctive pattern queries over a seeded fact store. Baseline: nested loops in written order over "
         "full scans; optimized: cost-based planner over SPO/POS/OSP indexes with a result cache.",
         R"({"type":"object","required":["where"],"additionalProperties":false,"properties":{
             "where":{"type":"array","minItems":1,"items":{"type":"array","minItems":3,"maxItems":3,
               "items":{"type":"string","minLength":1}},
               "description":"[subject, predicate, object] patterns; terms starting with ? are variables"},
             "select":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^\\?"}},
             "limit":{"type":"integer","minimum":1},
             "cache":{"type":"boolean","description":"false bypasses the result cache"}}})",
         "the sample request, repeated"},
        {"orchestrator",
         "Places pods (CPU, memory) on a seeded cluster, adding nodes when nothing fits. Baseline: first "
         "fit; "
         "optimized: best fit decreasing over an indexed free-capacity structure.",
         R"({"type":"object","additionalProperties":false,"oneOf":[{"required":["pods"]},{"required":["batch"]}],
             "properties":{
             "pods":{"type":"array","minItems":1,"items":{"type":"object","required":["cpu","memory"],
               "additionalProperties":false,"properties":{"cpu":{"type":"integer","minimum":1,"description":"millicores"},
               "memory":{"type":"integer","minimum":1,"description":"MiB"}}}},
             "batch":{"type":"object","additionalProperties":false,"properties":{"seed":{"type":"integer"},
               "pods":{"type":"integer","minimum":1}},"description":"a seeded batch of pods"}}})",
         "the sample request, repeated"},
        {"integration",
         "Enriches items through calls to an upstream API on 127.0.0.1 that faults can slow down or take "
         "away. Baseline: a new connection per call, one call after another; optimized: keep-alive pool, "
         "concurrent calls, retries, circuit breaker and a fallback to the last good answer.",
         R"({"type":"object","required":["items"],"additionalProperties":false,"properties":{
             "items":{"type":"array","minItems":1,"maxItems":64,"items":{"type":"integer","minimum":0},
               "description":"item ids, one upstream call each"}}})",
         "the sample request, repeated"},
    };
    return catalog;
}

std::string engineCatalogJson() {
    nlohmann::json engines = nlohmann::json::array();
    for (const EngineInfo& info : engineCatalog())
        engines.push_back({{"name", info.name},
                           {"description", info.description},
                           {"variants", variantNames()},
                           {"path", "/engines/" + info.name + "/<variant>"},
                           {"method", "POST"},
                           {"request_schema", nlohmann::json::parse(info.requestSchema)},
                           {"mix", info.mix}});
    return nlohmann::json{{"engines", engines}}.dump();
}

std::string mixJson(std::string_view engine, const RequestMix& mix) {
    nlohmann::json requests = nlohmann::json::array();
    for (const RequestMix::Request& request : mix.requests)
        requests.push_back({{"shape", request.shape}, {"body", nlohmann::json::parse(request.body)}});
    return nlohmann::json{
        {"engine", engine}, {"seed", kRunMixSeed}, {"shapes", mix.shapes}, {"requests", requests}}
        .dump();
}

} // namespace perflab::engines

// The hosted engines' descriptions and request schemas.
#include "engines/engine_catalog.h"

#include "engines/engine.h"

#include <nlohmann/json.hpp>

namespace perflab::engines {

const std::vector<EngineInfo>& engineCatalog() {
    static const std::vector<EngineInfo> catalog{
        {"analytics",
         "Group-by aggregations with filters over a seeded table of sales rows. Baseline: rows as structs; "
         "each request is parsed, its columns resolved once, then its expression trees are walked row by row "
         "and groups kept in a hash map (no column store, no block kernels, no plan cache). Optimized: a "
         "column store with narrow columns (a byte a row for region, channel, quantity and dictionary-coded "
         "discount, two for product), requests compiled once into fused block kernels over 256-row blocks "
         "(filter masks, selection vectors, per-group folds into dense arrays, radix-selected percentiles), "
         "plans cached by request text.",
         R"({"type":"object","required":["aggregates"],"additionalProperties":false,"properties":{
             "group_by":{"type":"string","description":"a column to group by, e.g. \"region\""},
             "aggregates":{"type":"array","minItems":1,"items":{"type":"string"},
               "description":"sum, mean, min, max or pN of an expression, or count(): \"sum(price*quantity)\", \"p95(price)\""},
             "filter":{"type":"string","description":"a condition, e.g. \"quantity > 5 and discount < 0.2\""}}})",
         "What an analyst's dashboard sends, seeded: 20 % totals without grouping (1-3 of sum, mean, min, "
         "max, count), 30 % group-bys with 1-2 aggregates, 20 % group-bys with 3-5, 15 % with a selective "
         "filter (~1 % of rows; grouped or not, 1-5 aggregates), 15 % percentiles (p50, p90, p95 or p99, "
         "grouped or not). Groupings are drawn from region (16 values), channel (4), product (1000) and "
         "quantity (20); aggregate arguments from price, quantity, discount, price * quantity, "
         "price * (1 - discount) and price * quantity * (1 - discount). Filters outside the selective shape "
         "are none (40 %), ~50 % (30 %) or ~10 % of rows (30 %), each drawn from four forms with moving "
         "parameters (quantity, region and product ranges, channel, price and revenue thresholds). The first "
         "five requests take one shape each."},
        {"knowledge",
         "Conjunctive pattern queries over a seeded fact store. Baseline: the patterns joined in the "
         "order written, each by one scan of the whole fact list hash-joined to the partial answers on "
         "their shared variables; it has no planner (no reordering, no cardinality statistics), no "
         "SPO/POS/OSP indexes and no result cache. Optimized: a cost-based planner over cardinality "
         "statistics choosing join order and per step index lookups or a hash join, over SPO/POS/OSP "
         "sorted indexes, with a result cache (in-process LRU or Redis; \"cache\": \"off\" in a scenario"
         " for its primary figures). Both parse, match and render answers with the same code.",
         R"({"type":"object","required":["where"],"additionalProperties":false,"properties":{
             "where":{"type":"array","minItems":1,"items":{"type":"array","minItems":3,"maxItems":3,
               "items":{"type":"string","minLength":1}},
               "description":"[subject, predicate, object] patterns; terms starting with ? are variables"},
             "select":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^\\?"}},
             "limit":{"type":"integer","minimum":1},
             "cache":{"type":"boolean","description":"false bypasses the result cache"}}})",
         "five shapes drawn uniformly, limit 50 each: the buyers of a product with their employer and "
         "its city; the residents of a city who work at a company in that city; the products bought by a"
         " company's staff; one person's facts; where a person's friends live. The product, city, "
         "company or person is chosen by Zipf rank (exponent 1, the store's own popularity: product:0 is"
         " the best seller), so popular entities recur, as they do for a real client, and the result "
         "cache sees repeats"},
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
         "Explicit \"pods\" lists as a scheduler is sent them, drawn from 500 seeded services whose deploys "
         "follow Zipf popularity (s = 1); a service's pods are general (250-1000m, 1-4 GiB a core, 45 %), "
         "CPU-heavy (2-8 cores, 0.5-1 GiB a core, 20 %), memory-heavy (0.5-2 cores, 8-16 GiB a core, 20 %) "
         "or tiny agents (50-100m, 64-256 MiB, 15 %). Shapes: single pod (10 %); replicas of one service, "
         "2-16 alike (30 %); mixed batch, 3-10 services of 1-16 replicas (35 %); large mixed batch, "
         "400-1200 pods as a drained node pool is rescheduled (20 %); scale-out batch, 40-64 workers of "
         "20-28 cores and 4 GiB a core, more than the cluster keeps idle (5 %)."},
        {"integration",
         "Enriches items through calls to an upstream API on 127.0.0.1 that faults can slow down or take "
         "away. Baseline: a new connection per item call, one call after another; optimized: a cache of "
         "answers fetched less than 1 s ago, the other items in one batch call (GET /items/batch/...) over a "
         "keep-alive connection, retries, circuit breaker and a fallback to the last good answer (degraded, "
         "with its age). Figures: the cache's hit rate and the shares of items fetched, served stale, or "
         "without an answer.",
         R"({"type":"object","required":["items"],"additionalProperties":false,"properties":{
             "items":{"type":"array","minItems":1,"maxItems":64,"items":{"type":"integer","minimum":0},
               "description":"item ids to enrich"}}})",
         "Pages and baskets: 60 % ask for 1-4 items, 30 % 5-16, 10 % 17-64 (shapes by that band, the "
         "fan-out uniform within it); distinct ids in a request, Zipf-chosen (exponent 1) over the whole "
         "catalogue of 100 000 items, the popular ones scattered over the ids."},
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
    // The bodies are JSON already: spliced in as they are, since a tree of a mix of large batches takes
    // hundreds of MB.
    std::string out =
        nlohmann::json{{"engine", engine}, {"seed", kRunMixSeed}, {"shapes", mix.shapes}}.dump();
    out.pop_back();
    out += ",\"requests\":[";
    for (const RequestMix::Request& request : mix.requests) {
        out += out.back() == '[' ? "" : ",";
        out += "{\"shape\":" + std::to_string(request.shape) + ",\"body\":" + request.body + "}";
    }
    return out + "]}";
}

} // namespace perflab::engines

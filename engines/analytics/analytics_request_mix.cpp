// Draws the analytics mix: groupings over any categorical column or none, 1-5 aggregates over columns
// and expressions, and filters whose parameters move while their selectivity stays near 1, 10 or 50 %.
#include "engines/analytics/analytics_request_mix.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace perflab::engines::analytics {

namespace {

constexpr std::array<std::string_view, 5> kShapeNames{"total, no grouping", "group-by, 1-2 aggregates",
                                                      "group-by, 3-5 aggregates", "selective filter (~1 %)",
                                                      "percentiles"};
// Dashboards mostly group; the rarer shapes still come up hundreds of times in a run's 4096 requests.
constexpr std::array<double, 5> kShapeWeights{0.20, 0.30, 0.20, 0.15, 0.15};

constexpr std::array<std::string_view, 4> kGroupings{"region", "channel", "product", "quantity"};
constexpr std::array<std::string_view, 6> kArguments{"price",
                                                     "quantity",
                                                     "discount",
                                                     "price * quantity",
                                                     "price * (1 - discount)",
                                                     "price * quantity * (1 - discount)"};
constexpr std::array<std::string_view, 4> kFolds{"sum", "mean", "min", "max"};
constexpr std::array<std::string_view, 4> kPercentiles{"p50", "p90", "p95", "p99"};

template <std::size_t N>
std::string pick(const std::array<std::string_view, N>& items, SeededRandom& random) {
    return std::string(items[random.below(N)]);
}

std::size_t between(SeededRandom& random, std::size_t low, std::size_t high) {
    return low + random.below(high - low + 1);
}

// The thresholds on price and revenue sit at the measured quantiles of the generated table, which move
// by a few percent between seeds (the tests measure the selectivity that results).
std::string halfFilter(SeededRandom& random) {
    switch (random.below(4)) {
    case 0:
        return "quantity > " + std::to_string(between(random, 9, 11));
    case 1: {
        const std::size_t first = between(random, 0, 8);
        return "region >= " + std::to_string(first) + " and region < " + std::to_string(first + 8);
    }
    case 2:
        return "price < " + std::to_string(between(random, 85, 105));
    default:
        return "price * quantity > " + std::to_string(between(random, 700, 850));
    }
}

std::string tenthFilter(SeededRandom& random) {
    switch (random.below(4)) {
    case 0: {
        const std::size_t first = between(random, 1, 19);
        return "quantity >= " + std::to_string(first) + " and quantity < " + std::to_string(first + 2);
    }
    case 1: {
        const std::size_t first = between(random, 0, 900);
        return "product >= " + std::to_string(first) + " and product < " + std::to_string(first + 100);
    }
    case 2:
        return "channel == " + std::to_string(between(random, 0, 3)) + " and quantity <= 8";
    default:
        return "price > " + std::to_string(between(random, 280, 310));
    }
}

std::string hundredthFilter(SeededRandom& random) {
    switch (random.below(4)) {
    case 0: {
        const std::size_t first = between(random, 0, 990);
        return "product >= " + std::to_string(first) + " and product < " + std::to_string(first + 10);
    }
    case 1:
        return "region == " + std::to_string(between(random, 0, 15)) + " and quantity > 16";
    case 2:
        return "channel == " + std::to_string(between(random, 0, 3)) +
               " and quantity == " + std::to_string(between(random, 1, 20));
    default:
        return "price * quantity > " + std::to_string(between(random, 6500, 6900));
    }
}

// What most panels filter by: nothing, or a broad or a narrower slice.
FilterSelectivity drawBroadSelectivity(SeededRandom& random) {
    const double draw = random.unit();
    return draw < 0.4   ? FilterSelectivity::All
           : draw < 0.7 ? FilterSelectivity::Half
                        : FilterSelectivity::Tenth;
}

std::string drawAggregate(bool percentile, SeededRandom& random) {
    if (percentile) {
        return pick(kPercentiles, random) + "(" + pick(kArguments, random) + ")";
    }
    if (random.below(6) == 0) {
        return "count()";
    }
    return pick(kFolds, random) + "(" + pick(kArguments, random) + ")";
}

// `count` distinct aggregates (a request lists each once), the first `percentiles` of them percentiles.
nlohmann::json drawAggregates(std::size_t count, std::size_t percentiles, SeededRandom& random) {
    nlohmann::json list = nlohmann::json::array();
    while (list.size() < count) {
        std::string text = drawAggregate(list.size() < percentiles, random);
        if (std::find(list.begin(), list.end(), text) == list.end()) {
            list.push_back(std::move(text));
        }
    }
    return list;
}

std::string drawRequest(MixShape shape, SeededRandom& random) {
    nlohmann::json request = nlohmann::json::object();
    bool grouped = shape != MixShape::Total;
    FilterSelectivity selectivity = FilterSelectivity::Hundredth;
    switch (shape) {
    case MixShape::Total:
        request["aggregates"] = drawAggregates(between(random, 1, 3), 0, random);
        break;
    case MixShape::GroupFewAggregates:
        request["aggregates"] = drawAggregates(between(random, 1, 2), 0, random);
        break;
    case MixShape::GroupManyAggregates:
        request["aggregates"] = drawAggregates(between(random, 3, 5), 0, random);
        break;
    case MixShape::SelectiveFilter:
        grouped = random.below(2) == 0;
        request["aggregates"] = drawAggregates(between(random, 1, 5), random.below(4) == 0 ? 1 : 0, random);
        break;
    case MixShape::Percentiles: {
        grouped = random.below(2) == 0;
        const std::size_t count = between(random, 1, 3);
        request["aggregates"] =
            drawAggregates(count, between(random, 1, std::min<std::size_t>(count, 2)), random);
        break;
    }
    }
    if (shape != MixShape::SelectiveFilter) {
        selectivity = drawBroadSelectivity(random);
    }
    if (grouped) {
        request["group_by"] = pick(kGroupings, random);
    }
    if (selectivity != FilterSelectivity::All) {
        request["filter"] = drawFilter(selectivity, random);
    }
    return request.dump();
}

} // namespace

std::string drawFilter(FilterSelectivity selectivity, SeededRandom& random) {
    switch (selectivity) {
    case FilterSelectivity::All:
        return "";
    case FilterSelectivity::Half:
        return halfFilter(random);
    case FilterSelectivity::Tenth:
        return tenthFilter(random);
    case FilterSelectivity::Hundredth:
        return hundredthFilter(random);
    }
    return "";
}

RequestMix analyticsRequestMix(std::size_t count, std::uint64_t seed) {
    SeededRandom random(foldSeed(seed), 23);
    RequestMix mix;
    mix.shapes.assign(kShapeNames.begin(), kShapeNames.end());
    mix.requests.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const MixShape shape = i < kShapeNames.size()
                                   ? static_cast<MixShape>(i)
                                   : static_cast<MixShape>(random.byShare(kShapeWeights, std::identity{}));
        mix.requests.push_back(
            {.shape = static_cast<std::uint32_t>(shape), .body = drawRequest(shape, random)});
    }
    return mix;
}

} // namespace perflab::engines::analytics

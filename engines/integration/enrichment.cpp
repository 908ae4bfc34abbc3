// Request parsing and the aggregated answer: one implementation, so both variants answer alike.
#include "engines/integration/enrichment.h"

#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <set>
#include <stdexcept>

namespace perflab::engines::integration {

using nlohmann::json;

std::vector<std::uint32_t> parseItemIds(std::string_view request) {
    const json document = json::parse(request, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        throw std::invalid_argument(R"(expected a JSON object like {"items":[17,42]})");
    const auto items = document.find("items");
    if (items == document.end() || !items->is_array() || items->empty() ||
        items->size() > kMaxItemsPerRequest)
        throw std::invalid_argument("\"items\" must be an array of 1 to " +
                                    std::to_string(kMaxItemsPerRequest) + " item ids");
    std::vector<std::uint32_t> ids;
    ids.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
        const json& id = (*items)[i];
        if (!id.is_number_unsigned() || id.get<std::uint64_t>() > UINT32_MAX)
            throw std::invalid_argument("items[" + std::to_string(i) + "] must be an item id (0 to " +
                                        std::to_string(UINT32_MAX) + "), got " + id.dump());
        ids.push_back(id.get<std::uint32_t>());
    }
    return ids;
}

std::string answerJson(const std::vector<EnrichedItem>& items) {
    json list = json::array();
    std::int64_t totalCents = 0;
    std::uint64_t inStock = 0;
    std::map<std::string, int> byCategory; // ordered, so equal answers are equal texts
    bool stale = false;
    for (const EnrichedItem& entry : items) {
        const Item& item = entry.item;
        list.push_back({{"id", item.id},
                        {"name", item.name},
                        {"category", item.category},
                        {"price_cents", item.priceCents},
                        {"stock", item.stock},
                        {"stale", entry.staleAgeMs >= 0}});
        totalCents += item.priceCents;
        inStock += item.stock > 0 ? 1 : 0;
        ++byCategory[item.category];
        stale = stale || entry.staleAgeMs >= 0;
    }
    return json{{"items", std::move(list)},
                {"total_price_cents", totalCents},
                {"in_stock", inStock},
                {"by_category", byCategory},
                {"stale", stale}}
        .dump();
}

Response errorResponse(int status, const std::string& message) {
    return {.status = status,
            .body = json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace)};
}

std::string sampleItemsRequest(unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::uint32_t> pick(1, 100'000);
    std::set<std::uint32_t> ids;
    while (ids.size() < kSampleItems)
        ids.insert(pick(rng));
    return json{{"items", ids}}.dump();
}

} // namespace perflab::engines::integration

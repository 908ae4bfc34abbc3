// Catalogue items: a small hash of (id, seed) picks each field, so no table is kept on either side.
#include "engines/integration/item_catalog.h"

#include <nlohmann/json.hpp>

#include <array>
#include <stdexcept>

namespace perflab::engines::integration {

namespace {

constexpr std::array<std::string_view, 6> kCategories{"books", "garden", "kitchen", "music", "sport", "toys"};

nlohmann::json toJsonValue(const Item& item) {
    return {{"id", item.id},
            {"name", item.name},
            {"category", item.category},
            {"price_cents", item.priceCents},
            {"stock", item.stock}};
}

Item fromJsonValue(const nlohmann::json& json) {
    return {.id = json.at("id").get<std::uint32_t>(),
            .name = json.at("name").get<std::string>(),
            .category = json.at("category").get<std::string>(),
            .priceCents = json.at("price_cents").get<std::int64_t>(),
            .stock = json.at("stock").get<std::uint32_t>()};
}

std::runtime_error unparsable(std::string_view what, const std::exception& e, std::string_view body) {
    return std::runtime_error("the upstream sent " + std::string(what) + " that does not parse (" + e.what() +
                              "): " + std::string(body.substr(0, 200)));
}

std::uint64_t mix(std::uint64_t x) { // splitmix64 finaliser: well spread bits from consecutive ids
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

Item catalogItem(std::uint32_t id, unsigned seed) {
    const std::uint64_t bits = mix((std::uint64_t{seed} << 32) | id);
    return {.id = id,
            .name = "item-" + std::to_string(id),
            .category = std::string(kCategories[bits % kCategories.size()]),
            .priceCents = static_cast<std::int64_t>(100 + (bits >> 8) % 99'900),
            .stock = static_cast<std::uint32_t>((bits >> 32) % 50)};
}

std::string toJson(const Item& item) {
    return toJsonValue(item).dump();
}

std::string toJson(const std::vector<Item>& items) {
    nlohmann::json list = nlohmann::json::array();
    for (const Item& item : items)
        list.push_back(toJsonValue(item));
    return nlohmann::json{{"items", std::move(list)}}.dump();
}

Item parseItem(std::string_view body) {
    try {
        return fromJsonValue(nlohmann::json::parse(body));
    } catch (const nlohmann::json::exception& e) {
        throw unparsable("an item", e, body);
    }
}

std::vector<Item> parseItems(std::string_view body) {
    try {
        const nlohmann::json document = nlohmann::json::parse(body); // outlives the loop over its items
        std::vector<Item> items;
        for (const nlohmann::json& item : document.at("items"))
            items.push_back(fromJsonValue(item));
        return items;
    } catch (const nlohmann::json::exception& e) {
        throw unparsable("a batch of items", e, body);
    }
}

} // namespace perflab::engines::integration

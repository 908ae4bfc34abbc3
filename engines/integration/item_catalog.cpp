// Catalogue items: a small hash of (id, seed) picks each field, so no table is kept on either side.
#include "engines/integration/item_catalog.h"

#include <nlohmann/json.hpp>

#include <array>
#include <stdexcept>

namespace perflab::engines::integration {

namespace {

constexpr std::array<std::string_view, 6> kCategories{"books", "garden", "kitchen", "music", "sport", "toys"};

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
    return nlohmann::json{{"id", item.id},
                          {"name", item.name},
                          {"category", item.category},
                          {"price_cents", item.priceCents},
                          {"stock", item.stock}}
        .dump();
}

Item parseItem(std::string_view body) {
    try {
        const auto json = nlohmann::json::parse(body);
        return {.id = json.at("id").get<std::uint32_t>(),
                .name = json.at("name").get<std::string>(),
                .category = json.at("category").get<std::string>(),
                .priceCents = json.at("price_cents").get<std::int64_t>(),
                .stock = json.at("stock").get<std::uint32_t>()};
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("the upstream sent an item that does not parse (" + std::string(e.what()) +
                                 "): " + std::string(body.substr(0, 200)));
    }
}

} // namespace perflab::engines::integration

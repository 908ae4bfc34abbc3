// The remote API's data: one catalogue item per id, generated from the id and a seed, and its JSON form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines::integration {

struct Item {
    std::uint32_t id = 0;
    std::string name;
    std::string category;
    std::int64_t priceCents = 0;
    std::uint32_t stock = 0;
    bool operator==(const Item&) const = default;
};

// The same id and seed always give the same item, so every answer can be checked against the catalogue.
Item catalogItem(std::uint32_t id, unsigned seed);
std::string toJson(const Item& item);
// {"items":[...]}: the upstream's batch answer.
std::string toJson(const std::vector<Item>& items);
// Throw std::runtime_error saying what is wrong when the body is not an item, or not a batch of items.
Item parseItem(std::string_view body);
std::vector<Item> parseItems(std::string_view body);

} // namespace perflab::engines::integration

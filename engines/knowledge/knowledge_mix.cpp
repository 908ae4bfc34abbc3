// Drawing the knowledge mix: a shape chosen uniformly, then its entity by Zipf rank (exponent 1, the
// fact generator's own popularity), rendered as the request body a client would send.
#include "engines/knowledge/knowledge_mix.h"

#include "engines/zipf.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace perflab::engines::knowledge {

namespace {

constexpr double kPopularity = 1.0; // Zipf exponent, as in the fact generator
constexpr unsigned kSalt = 11;      // keeps this engine's draw apart from other engines' with the same seed

enum Shape : std::uint32_t { Buyers, Locals, StaffPurchases, PersonFacts, FriendsHomes, ShapeCount };

const std::vector<std::string>& shapeNames() {
    static const std::vector<std::string> names{
        "buyers of a product, their employer and its city", "residents of a city working at a company there",
        "what the staff of a company bought", "one person's facts", "where a person's friends live"};
    return names;
}

std::string entity(std::string_view kind, std::size_t rank) {
    return std::string(kind) + ':' + std::to_string(rank);
}

std::string body(std::uint32_t shape, const std::string& who) {
    switch (shape) {
    case Buyers:
        return R"({"where":[["?p","bought",")" + who +
               R"("],["?p","worksAt","?c"],["?c","locatedIn","?city"]],"select":["?p","?c","?city"],"limit":50})";
    case Locals:
        return R"({"where":[["?p","livesIn",")" + who + R"("],["?p","worksAt","?c"],["?c","locatedIn",")" +
               who + R"("]],"select":["?p","?c"],"limit":50})";
    case StaffPurchases:
        return R"({"where":[["?p","worksAt",")" + who +
               R"("],["?p","bought","?product"]],"select":["?product"],"limit":50})";
    case PersonFacts:
        return R"({"where":[[")" + who + R"(","?relation","?value"]],"limit":50})";
    case FriendsHomes:
        return R"({"where":[[")" + who +
               R"(","knows","?friend"],["?friend","livesIn","?city"]],"select":["?friend","?city"],"limit":50})";
    case ShapeCount:
        break;
    }
    throw std::logic_error("no knowledge mix shape " + std::to_string(shape));
}

ZipfRanks ranksOf(std::size_t count, std::string_view kind) {
    if (count == 0) {
        throw std::invalid_argument("the knowledge request mix needs a store that names at least one " +
                                    std::string(kind));
    }
    return ZipfRanks(count, kPopularity);
}

// The rank N of a term "kind:N", or nothing for other terms.
std::optional<std::size_t> rankIn(std::string_view text, std::string_view kind) {
    if (text.size() <= kind.size() + 1 || !text.starts_with(kind) || text[kind.size()] != ':') {
        return std::nullopt;
    }
    std::size_t rank = 0;
    const char* first = text.data() + kind.size() + 1;
    const auto [end, error] = std::from_chars(first, text.data() + text.size(), rank);
    return error == std::errc() && end == text.data() + text.size() ? std::optional(rank) : std::nullopt;
}

} // namespace

EntityCounts countEntities(const TermDictionary& terms) {
    EntityCounts counts;
    const std::array<std::pair<std::string_view, std::size_t*>, 4> kinds{{{"person", &counts.people},
                                                                          {"company", &counts.companies},
                                                                          {"city", &counts.cities},
                                                                          {"product", &counts.products}}};
    for (std::size_t id = 0; id < terms.size(); ++id) {
        const std::string& text = terms.text(static_cast<TermId>(id));
        for (const auto& [kind, count] : kinds) {
            if (const auto rank = rankIn(text, kind)) {
                *count = std::max(*count, *rank + 1);
            }
        }
    }
    return counts;
}

RequestMix drawKnowledgeMix(const EntityCounts& entities, std::size_t count, std::uint64_t seed) {
    const std::array<ZipfRanks, ShapeCount> ranks{
        ranksOf(entities.products, "product"), ranksOf(entities.cities, "city"),
        ranksOf(entities.companies, "company"), ranksOf(entities.people, "person"),
        ranksOf(entities.people, "person")};
    constexpr std::array<std::string_view, ShapeCount> kKinds{"product", "city", "company", "person",
                                                              "person"};
    SeededRandom random(foldSeed(seed), kSalt);
    RequestMix mix{.shapes = shapeNames(), .requests = {}};
    mix.requests.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto shape = static_cast<std::uint32_t>(random.below(ShapeCount));
        mix.requests.push_back(
            {.shape = shape, .body = body(shape, entity(kKinds[shape], ranks[shape](random)))});
    }
    return mix;
}

} // namespace perflab::engines::knowledge

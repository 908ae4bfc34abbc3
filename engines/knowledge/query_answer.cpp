// Sorting, de-duplicating, limiting and rendering query answers.
#include "engines/knowledge/query_answer.h"

#include "collectors/zones/zone.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <numeric>
#include <span>

namespace perflab::engines::knowledge {

namespace {

// The distinct rows of `ranks` (`width` ranks each) in ascending order.
std::vector<std::uint32_t> distinctSorted(std::vector<std::uint32_t> ranks, std::size_t width,
                                          std::size_t termCount) {
    const std::size_t count = ranks.size() / width;
    const auto bits = static_cast<std::size_t>(std::bit_width(termCount));
    if (width * bits <= 64) { // a row packs into one integer, which sorts several times faster
        std::vector<std::uint64_t> keys(count);
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t column = 0; column < width; ++column) {
                keys[i] = (keys[i] << bits) | ranks[i * width + column];
            }
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        ranks.resize(keys.size() * width);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            for (std::size_t column = width; column-- > 0; keys[i] >>= bits) {
                ranks[i * width + column] = static_cast<std::uint32_t>(keys[i] & ((1ULL << bits) - 1));
            }
        }
        return ranks;
    }
    const auto row = [&](std::size_t index) { return std::span(ranks).subspan(index * width, width); };
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::ranges::lexicographical_compare(row(a), row(b));
    });
    order.erase(std::unique(order.begin(), order.end(),
                            [&](std::size_t a, std::size_t b) { return std::ranges::equal(row(a), row(b)); }),
                order.end());
    std::vector<std::uint32_t> distinct;
    distinct.reserve(order.size() * width);
    for (const std::size_t index : order) {
        distinct.insert(distinct.end(), row(index).begin(), row(index).end());
    }
    return distinct;
}

} // namespace

std::string renderAnswer(const PatternQuery& query, const TermDictionary& terms, const TermOrder& order,
                         const std::vector<TermId>& rows) {
    PERFLAB_ZONE("knowledge.render");
    const std::size_t width = query.select.size();
    std::vector<std::uint32_t> ranks(rows.size());
    std::transform(rows.begin(), rows.end(), ranks.begin(), [&](TermId id) { return order.rank(id); });
    const std::vector<std::uint32_t> distinct = distinctSorted(std::move(ranks), width, order.size());
    const std::size_t count = distinct.size() / width;

    using Json = nlohmann::ordered_json; // keys in the documented order: columns, rows, count
    Json columns = Json::array();
    for (const int variable : query.select) {
        columns.push_back(query.variables[static_cast<std::size_t>(variable)]);
    }
    Json out = Json::array();
    for (std::size_t i = 0; i < count && i < query.limit; ++i) {
        Json values = Json::array();
        for (std::size_t column = 0; column < width; ++column) {
            values.push_back(terms.text(order.termAt(distinct[i * width + column])));
        }
        out.push_back(std::move(values));
    }
    return Json{{"columns", std::move(columns)}, {"rows", std::move(out)}, {"count", count}}.dump();
}

std::string renderError(std::string_view message) {
    return nlohmann::json{{"error", std::string(message)}}.dump();
}

} // namespace perflab::engines::knowledge

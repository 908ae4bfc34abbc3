// Sorting, de-duplicating, limiting and rendering query answers.
#include "engines/knowledge/query_answer.h"

#include "collectors/zones/zone.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>
#include <span>

namespace perflab::engines::knowledge {

std::string renderAnswer(const PatternQuery& query, const TermDictionary& terms, std::vector<TermId> rows) {
    PERFLAB_ZONE("knowledge.render");
    const std::size_t width = query.select.size();
    const std::size_t count = rows.size() / width;
    const auto row = [&](std::size_t index) {
        return std::span<const TermId>(rows).subspan(index * width, width);
    };
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    const auto textLess = [&](std::size_t a, std::size_t b) {
        return std::lexicographical_compare(
            row(a).begin(), row(a).end(), row(b).begin(), row(b).end(),
            [&](TermId x, TermId y) { return terms.text(x) < terms.text(y); });
    };
    std::sort(order.begin(), order.end(), textLess);
    const auto sameRow = [&](std::size_t a, std::size_t b) { return std::ranges::equal(row(a), row(b)); };
    order.erase(std::unique(order.begin(), order.end(), sameRow), order.end());

    using Json = nlohmann::ordered_json; // keys in the documented order: columns, rows, count
    Json columns = Json::array();
    for (const int variable : query.select) {
        columns.push_back(query.variables[static_cast<std::size_t>(variable)]);
    }
    Json out = Json::array();
    for (std::size_t i = 0; i < order.size() && i < query.limit; ++i) {
        Json values = Json::array();
        for (const TermId id : row(order[i])) {
            values.push_back(terms.text(id));
        }
        out.push_back(std::move(values));
    }
    return Json{{"columns", std::move(columns)}, {"rows", std::move(out)}, {"count", order.size()}}.dump();
}

std::string renderError(std::string_view message) {
    return nlohmann::json{{"error", std::string(message)}}.dump();
}

} // namespace perflab::engines::knowledge

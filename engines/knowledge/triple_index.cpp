// Building the three sorted permutations and range lookups in them.
#include "engines/knowledge/triple_index.h"

#include "engines/knowledge/encoded_query.h"

#include <algorithm>

namespace perflab::engines::knowledge {

namespace {

// Fact positions (0 subject, 1 predicate, 2 object) in each permutation's key order.
constexpr std::array<std::array<std::size_t, 3>, 3> kKeyPositions{{{0, 1, 2}, {1, 2, 0}, {2, 0, 1}}};

std::array<TermId, 3> keyOf(Order order, const Fact& fact) {
    const auto& positions = kKeyPositions[static_cast<std::size_t>(order)];
    return {positionOf(fact, positions[0]), positionOf(fact, positions[1]), positionOf(fact, positions[2])};
}

} // namespace

std::string_view toString(Order order) noexcept {
    switch (order) {
    case Order::SPO:
        return "SPO";
    case Order::POS:
        return "POS";
    case Order::OSP:
        return "OSP";
    }
    return "?";
}

IndexChoice chooseIndex(std::array<bool, 3> known) {
    const auto [s, p, o] = known;
    if (s && p) {
        return {Order::SPO, o ? 3U : 2U};
    }
    if (p) {
        return {Order::POS, o ? 2U : 1U};
    }
    if (o) {
        return {Order::OSP, s ? 2U : 1U};
    }
    return {Order::SPO, s ? 1U : 0U};
}

TripleIndex::TripleIndex(const std::vector<Fact>& facts) {
    for (const Order order : {Order::SPO, Order::POS, Order::OSP}) {
        std::vector<Fact>& sorted = m_sorted[static_cast<std::size_t>(order)];
        sorted = facts;
        std::sort(sorted.begin(), sorted.end(),
                  [order](const Fact& a, const Fact& b) { return keyOf(order, a) < keyOf(order, b); });
    }
}

std::span<const Fact> TripleIndex::lookup(std::array<bool, 3> known, std::array<TermId, 3> values) const {
    const IndexChoice choice = chooseIndex(known);
    const auto& positions = kKeyPositions[static_cast<std::size_t>(choice.order)];
    std::array<TermId, 3> prefix{};
    for (std::size_t i = 0; i < choice.prefixLength; ++i) {
        prefix[i] = values[positions[i]];
    }
    const auto less = [&](const std::array<TermId, 3>& a, const std::array<TermId, 3>& b) {
        return std::lexicographical_compare(
            a.begin(), a.begin() + static_cast<std::ptrdiff_t>(choice.prefixLength), b.begin(),
            b.begin() + static_cast<std::ptrdiff_t>(choice.prefixLength));
    };
    const std::vector<Fact>& sorted = m_sorted[static_cast<std::size_t>(choice.order)];
    const auto first = std::partition_point(sorted.begin(), sorted.end(), [&](const Fact& fact) {
        return less(keyOf(choice.order, fact), prefix);
    });
    const auto last = std::partition_point(
        first, sorted.end(), [&](const Fact& fact) { return !less(prefix, keyOf(choice.order, fact)); });
    return {first, last};
}

} // namespace perflab::engines::knowledge

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
    std::size_t hint = kNoHint;
    return lookup(known, values, hint);
}

std::span<const Fact> TripleIndex::lookup(std::array<bool, 3> known, std::array<TermId, 3> values,
                                          std::size_t& hint) const {
    const IndexChoice choice = chooseIndex(known);
    switch (choice.order) {
    case Order::SPO:
        return range<Order::SPO>(choice.prefixLength, values, hint);
    case Order::POS:
        return range<Order::POS>(choice.prefixLength, values, hint);
    case Order::OSP:
        break;
    }
    return range<Order::OSP>(choice.prefixLength, values, hint);
}

template <Order order>
std::span<const Fact> TripleIndex::range(std::size_t prefixLength, std::array<TermId, 3> values,
                                         std::size_t& hint) const {
    constexpr auto positions = kKeyPositions[static_cast<std::size_t>(order)];
    // Compares a fact's leading keys with the values at the same positions: < 0, 0 or > 0.
    const auto compare = [&](const Fact& fact) {
        for (std::size_t i = 0; i < prefixLength; ++i) {
            const TermId key = positionOf(fact, positions[i]);
            const TermId value = values[positions[i]];
            if (key != value) {
                return key < value ? -1 : 1;
            }
        }
        return 0;
    };
    const std::vector<Fact>& sorted = m_sorted[static_cast<std::size_t>(order)];
    const auto before = [&](const Fact& fact) { return compare(fact) < 0; };
    const auto within = [&](const Fact& fact) { return compare(fact) <= 0; };
    std::size_t first = 0;
    if (hint == kNoHint || hint > sorted.size() || (hint > 0 && !before(sorted[hint - 1]))) {
        first = static_cast<std::size_t>(std::partition_point(sorted.begin(), sorted.end(), before) -
                                         sorted.begin());
    } else {
        first = gallop(sorted, hint, before);
    }
    const std::size_t last = gallop(sorted, first, within);
    hint = last;
    return std::span(sorted).subspan(first, last - first);
}

template <class Predicate>
std::size_t TripleIndex::gallop(const std::vector<Fact>& sorted, std::size_t from, Predicate predicate) {
    // Every fact before `from` satisfies the predicate; double the step until one does not.
    std::size_t step = 1;
    while (from + step <= sorted.size() && predicate(sorted[from + step - 1])) {
        from += step;
        step *= 2;
    }
    const auto end = sorted.begin() + static_cast<std::ptrdiff_t>(std::min(from + step, sorted.size()));
    return static_cast<std::size_t>(
        std::partition_point(sorted.begin() + static_cast<std::ptrdiff_t>(from), end, predicate) -
        sorted.begin());
}

} // namespace perflab::engines::knowledge

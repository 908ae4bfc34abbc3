// Building the three sorted permutations and range lookups in them.
#include "engines/knowledge/triple_index.h"

#include "engines/knowledge/encoded_query.h"

#include <algorithm>
#include <numeric>

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
        const auto index = static_cast<std::size_t>(order);
        std::vector<Fact>& sorted = m_sorted[index];
        sorted = facts;
        std::sort(sorted.begin(), sorted.end(),
                  [order](const Fact& a, const Fact& b) { return keyOf(order, a) < keyOf(order, b); });
        const std::size_t leading = kKeyPositions[index][0];
        std::vector<std::size_t>& starts = m_starts[index];
        starts.assign(sorted.empty() ? 1 : positionOf(sorted.back(), leading) + 2, 0);
        for (const Fact& fact : sorted) {
            ++starts[positionOf(fact, leading) + 1];
        }
        std::partial_sum(starts.begin(), starts.end(), starts.begin());
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

void TripleIndex::prefetch(std::array<bool, 3> known, std::array<TermId, 3> values) const noexcept {
    const IndexChoice choice = chooseIndex(known);
    if (choice.prefixLength == 0) {
        return;
    }
    const auto index = static_cast<std::size_t>(choice.order);
    const std::size_t leading = values[kKeyPositions[index][0]];
    if (leading + 1 < m_starts[index].size()) {
        __builtin_prefetch(m_sorted[index].data() + m_starts[index][leading]);
    }
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
    std::size_t low = 0;
    std::size_t high = sorted.size();
    if (prefixLength > 0) {
        const std::vector<std::size_t>& starts = m_starts[static_cast<std::size_t>(order)];
        const std::size_t leading = values[positions[0]];
        if (leading + 1 >= starts.size()) {
            return {}; // no fact has this term there (or any term: kNoSuchTerm)
        }
        low = starts[leading];
        high = starts[leading + 1];
    }
    const auto before = [&](const Fact& fact) { return compare(fact) < 0; };
    const auto within = [&](const Fact& fact) { return compare(fact) <= 0; };
    const auto begin = sorted.begin();
    std::size_t first = 0;
    if (hint != kNoHint && hint > low && hint <= high && before(sorted[hint - 1])) {
        first = gallop(sorted, hint, high, before);
    } else {
        first =
            static_cast<std::size_t>(std::partition_point(begin + static_cast<std::ptrdiff_t>(low),
                                                          begin + static_cast<std::ptrdiff_t>(high), before) -
                                     begin);
    }
    const std::size_t last = gallop(sorted, first, high, within);
    hint = last;
    return std::span(sorted).subspan(first, last - first);
}

template <class Predicate>
std::size_t TripleIndex::gallop(const std::vector<Fact>& sorted, std::size_t from, std::size_t end,
                                Predicate predicate) {
    // Every fact before `from` satisfies the predicate; double the step until one does not.
    std::size_t step = 1;
    while (from + step <= end && predicate(sorted[from + step - 1])) {
        from += step;
        step *= 2;
    }
    const auto begin = sorted.begin();
    return static_cast<std::size_t>(
        std::partition_point(begin + static_cast<std::ptrdiff_t>(from),
                             begin + static_cast<std::ptrdiff_t>(std::min(from + step, end)), predicate) -
        begin);
}

} // namespace perflab::engines::knowledge

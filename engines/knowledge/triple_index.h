// The fact list sorted three ways (SPO, POS, OSP), so the facts matching any combination of known
// subject, predicate and object are one contiguous range found by binary search.
#pragma once

#include "engines/knowledge/fact_store.h"

#include <array>
#include <span>
#include <string_view>
#include <vector>

namespace perflab::engines::knowledge {

enum class Order { SPO, POS, OSP };
std::string_view toString(Order order) noexcept;

// Which permutation has the known positions as its leading keys, and how many there are.
struct IndexChoice {
    Order order = Order::SPO;
    std::size_t prefixLength = 0;
};
IndexChoice chooseIndex(std::array<bool, 3> known);

class TripleIndex {
public:
    explicit TripleIndex(const std::vector<Fact>& facts);

    // Facts equal to `values` at the known positions (subject, predicate, object; others ignored).
    std::span<const Fact> lookup(std::array<bool, 3> known, std::array<TermId, 3> values) const;
    std::span<const Fact> sorted(Order order) const { return m_sorted[static_cast<std::size_t>(order)]; }

private:
    std::array<std::vector<Fact>, 3> m_sorted;
};

} // namespace perflab::engines::knowledge

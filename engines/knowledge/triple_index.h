// The fact list sorted three ways (SPO, POS, OSP), so the facts matching any combination of known
// subject, predicate and object are one contiguous range: where each leading term's facts start is kept,
// and the rest is found by binary search within them.
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
    // The same for a run of lookups whose keys mostly ascend (partial answers come out of a range in key
    // order): `hint` (kNoHint at first) keeps where the last range ended and the search gallops on from
    // there, so the run reads the permutation about once instead of searching it from scratch each time.
    static constexpr std::size_t kNoHint = static_cast<std::size_t>(-1);
    std::span<const Fact> lookup(std::array<bool, 3> known, std::array<TermId, 3> values,
                                 std::size_t& hint) const;
    std::span<const Fact> sorted(Order order) const { return m_sorted[static_cast<std::size_t>(order)]; }

    // Starts loading the first facts lookup(known, values) reads into the cache, without waiting for them.
    void prefetch(std::array<bool, 3> known, std::array<TermId, 3> values) const noexcept;

private:
    template <Order order>
    std::span<const Fact> range(std::size_t prefixLength, std::array<TermId, 3> values,
                                std::size_t& hint) const;
    // The first fact in [from, end) that fails `predicate` (or end), which holds for a prefix of them.
    template <class Predicate>
    static std::size_t gallop(const std::vector<Fact>& sorted, std::size_t from, std::size_t end,
                              Predicate predicate);

    std::array<std::vector<Fact>, 3> m_sorted;
    // Per permutation, where each leading term's facts start: term t's are [starts[t], starts[t + 1]).
    std::array<std::vector<std::size_t>, 3> m_starts;
};

} // namespace perflab::engines::knowledge

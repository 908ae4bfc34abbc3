// The knowledge engine's data: (subject, predicate, object) facts over dictionary-encoded terms.
#pragma once

#include "engines/knowledge/term_dictionary.h"

#include <compare>
#include <cstdint>
#include <string_view>
#include <vector>

namespace perflab::engines::knowledge {

struct Fact {
    TermId subject = 0;
    TermId predicate = 0;
    TermId object = 0;
    auto operator<=>(const Fact&) const = default;
};

class FactStore {
public:
    void add(std::string_view subject, std::string_view predicate, std::string_view object);
    const TermDictionary& terms() const noexcept { return m_terms; }
    const std::vector<Fact>& facts() const noexcept { return m_facts; }
    // Identifies the content (facts and term spellings), so a shared result cache never mixes stores.
    std::uint64_t fingerprint() const;

private:
    TermDictionary m_terms;
    std::vector<Fact> m_facts;
};

} // namespace perflab::engines::knowledge

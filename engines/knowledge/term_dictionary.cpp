// Interning and lookup of term strings.
#include "engines/knowledge/term_dictionary.h"

#include <stdexcept>

namespace perflab::engines::knowledge {

TermId TermDictionary::intern(std::string_view text) {
    if (const auto it = m_ids.find(text); it != m_ids.end()) {
        return it->second;
    }
    if (m_texts.size() >= kNoSuchTerm) {
        throw std::length_error("the term dictionary is full (" + std::to_string(m_texts.size()) + " terms)");
    }
    const auto id = static_cast<TermId>(m_texts.size());
    m_texts.emplace_back(text);
    m_ids.emplace(m_texts.back(), id);
    return id;
}

std::optional<TermId> TermDictionary::find(std::string_view text) const {
    if (const auto it = m_ids.find(text); it != m_ids.end()) {
        return it->second;
    }
    return std::nullopt;
}

} // namespace perflab::engines::knowledge

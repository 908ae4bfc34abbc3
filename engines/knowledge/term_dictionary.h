// Dictionary encoding of the fact store's terms: every distinct string gets a dense integer id, so
// facts are three integers and joins compare integers.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace perflab::engines::knowledge {

using TermId = std::uint32_t;

// A constant a request names that no fact uses: it can match nothing.
inline constexpr TermId kNoSuchTerm = std::numeric_limits<TermId>::max() - 1;

class TermDictionary {
public:
    TermDictionary() = default;
    TermDictionary(const TermDictionary&) = delete; // m_ids views into m_texts
    TermDictionary& operator=(const TermDictionary&) = delete;
    TermDictionary(TermDictionary&&) = default;
    TermDictionary& operator=(TermDictionary&&) = default;

    TermId intern(std::string_view text);
    std::optional<TermId> find(std::string_view text) const;
    const std::string& text(TermId id) const { return m_texts[id]; }
    std::size_t size() const noexcept { return m_texts.size(); }

private:
    std::deque<std::string> m_texts; // a deque never moves its elements, so the views in m_ids stay valid
    std::unordered_map<std::string_view, TermId> m_ids;
};

} // namespace perflab::engines::knowledge

// A search over a call tree's frame names: which nodes match and what share of the samples they cover.
#pragma once

#include "model/profile/call_tree.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace perflab {

class FrameSearch {
public:
    // Nodes whose frame name contains `needle`, ignoring ASCII case; an empty needle matches nothing.
    FrameSearch(const CallTree& tree, std::string_view needle);
    FrameSearch() = default;

    bool isActive() const { return !m_matches.empty(); }
    bool matches(NodeId node) const { return node < m_matches.size() && m_matches[node]; }
    // Samples under matching nodes, each sample counted once even when it passes through several matches
    // (a recursive function, or a match calling a match).
    std::uint64_t matchedSamples() const { return m_matchedSamples; }
    // matchedSamples over the tree's total (0 for an empty tree).
    double matchedShare() const { return m_matchedShare; }

private:
    std::vector<bool> m_matches;
    std::uint64_t m_matchedSamples = 0;
    double m_matchedShare = 0;
};

} // namespace perflab

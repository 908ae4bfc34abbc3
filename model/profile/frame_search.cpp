// FrameSearch: names are matched once per distinct frame, then nodes take their frame's answer.
#include "model/profile/frame_search.h"

#include <algorithm>
#include <cctype>

namespace perflab {

namespace {

bool containsIgnoringCase(std::string_view haystack, std::string_view needle) {
    const auto equal = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    };
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), equal) !=
           haystack.end();
}

} // namespace

FrameSearch::FrameSearch(const CallTree& tree, std::string_view needle) {
    if (needle.empty())
        return;
    const Profile& profile = tree.profile();
    std::vector<bool> frameMatches(profile.frameCount());
    for (FrameId id = 0; id < profile.frameCount(); ++id)
        frameMatches[id] = containsIgnoringCase(profile.frameName(id), needle);

    m_matches.assign(tree.size(), false);
    // Whether a node or one of its ancestors matched; parents precede children in node order.
    std::vector<bool> covered(tree.size(), false);
    for (NodeId n = 1; n < tree.size(); ++n) {
        const CallTree::Node& node = tree.node(n);
        m_matches[n] = frameMatches[node.frame];
        covered[n] = m_matches[n] || covered[node.parent];
        if (m_matches[n] && !covered[node.parent])
            m_matchedSamples += node.total;
    }
    if (tree.totalSamples() > 0)
        m_matchedShare = static_cast<double>(m_matchedSamples) / static_cast<double>(tree.totalSamples());
}

} // namespace perflab

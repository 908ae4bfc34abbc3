// A call tree built from a profile: one node per distinct call path, with self and total sample counts.
// Flame layouts, searches and differentials read it; it never changes once built.
#pragma once

#include "model/profile/child_index.h"
#include "model/profile/profile.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace perflab {

using NodeId = std::uint32_t;
inline constexpr NodeId kRootNode = 0;

class CallTree {
public:
    struct Node {
        FrameId frame;       // meaningless for the root
        NodeId parent;       // the root is its own parent
        std::uint32_t depth; // 0 for the root, 1 for the outermost frames
        std::uint64_t self;  // samples whose stack ends here
        std::uint64_t total; // samples whose stack passes through here (self + callees)
    };

    // The stacks of `profile` that pass `filter`, under one root ("all") holding every sample. A node's
    // children are sorted by total samples, largest first (ties by name), so a flame reads left-heavy.
    explicit CallTree(std::shared_ptr<const Profile> profile, const ProfileFilter& filter = {});

    const Profile& profile() const { return *m_profile; }
    std::size_t size() const { return m_nodes.size(); }
    const Node& node(NodeId id) const { return m_nodes[id]; }
    std::span<const NodeId> children(NodeId id) const;
    // The frame name, or "all" for the root.
    std::string_view name(NodeId id) const;
    // Samples under the root: the filtered profile's total.
    std::uint64_t totalSamples() const { return m_nodes[kRootNode].total; }
    // The child of `parent` called `frame`, if any.
    std::optional<NodeId> child(NodeId parent, FrameId frame) const;
    // The node at the end of `names` (outermost frame first) from the root; the root for an empty path.
    std::optional<NodeId> find(std::span<const std::string_view> names) const;
    // Root first, `id` last.
    std::vector<NodeId> path(NodeId id) const;

private:
    void add(const Profile::Stack& stack, std::vector<NodeId>& path, std::span<const FrameId>& previous);
    void sumTotals();
    void indexChildren();

    std::shared_ptr<const Profile> m_profile;
    std::vector<Node> m_nodes;
    ChildIndex m_index;
    std::vector<std::uint32_t>
        m_childStart; // children of n: m_children[m_childStart[n] .. m_childStart[n+1])
    std::vector<NodeId> m_children;
};

} // namespace perflab

// CallTree: stacks are added along a hashed (parent, frame) index, reusing the path shared with the
// previous stack (folded files come sorted, so most frames need no lookup); totals are summed in one pass.
#include "model/profile/call_tree.h"

#include <algorithm>

namespace perflab {

CallTree::CallTree(std::shared_ptr<const Profile> profile, const ProfileFilter& filter)
    : m_profile(std::move(profile)) {
    m_nodes.push_back({.frame = 0, .parent = kRootNode, .depth = 0, .self = 0, .total = 0});
    std::vector<NodeId> path;
    std::span<const FrameId> previous;
    for (std::size_t i = 0; i < m_profile->stackCount(); ++i) {
        const Profile::Stack stack = m_profile->stack(i);
        if (m_profile->passes(stack, filter))
            add(stack, path, previous);
    }
    sumTotals();
    indexChildren();
}

void CallTree::add(const Profile::Stack& stack, std::vector<NodeId>& path,
                   std::span<const FrameId>& previous) {
    const auto shared = static_cast<std::size_t>(
        std::mismatch(stack.frames.begin(), stack.frames.end(), previous.begin(), previous.end()).first -
        stack.frames.begin());
    path.resize(shared);
    NodeId node = shared == 0 ? kRootNode : path.back();
    for (std::size_t f = shared; f < stack.frames.size(); ++f) {
        const FrameId frame = stack.frames[f];
        NodeId next = m_index.find(node, frame);
        if (next == ChildIndex::kNone) {
            next = static_cast<NodeId>(m_nodes.size());
            m_nodes.push_back({.frame = frame,
                               .parent = node,
                               .depth = static_cast<std::uint32_t>(f + 1),
                               .self = 0,
                               .total = 0});
            m_index.insert(node, frame, next);
        }
        path.push_back(next);
        node = next;
    }
    m_nodes[node].self += stack.count;
    previous = stack.frames;
}

void CallTree::sumTotals() {
    // Children are created after their parent, so walking backwards finishes every child first.
    for (std::size_t i = m_nodes.size(); i-- > 0;) {
        m_nodes[i].total += m_nodes[i].self;
        if (i != kRootNode)
            m_nodes[m_nodes[i].parent].total += m_nodes[i].total;
    }
}

void CallTree::indexChildren() {
    m_childStart.assign(m_nodes.size() + 1, 0);
    for (std::size_t i = 1; i < m_nodes.size(); ++i)
        ++m_childStart[m_nodes[i].parent + 1];
    for (std::size_t i = 1; i < m_childStart.size(); ++i)
        m_childStart[i] += m_childStart[i - 1];
    m_children.resize(m_nodes.size() - 1);
    std::vector<std::uint32_t> next(m_childStart.begin(), m_childStart.end() - 1);
    for (std::size_t i = 1; i < m_nodes.size(); ++i)
        m_children[next[m_nodes[i].parent]++] = static_cast<NodeId>(i);
    const auto heavierFirst = [this](NodeId a, NodeId b) {
        if (m_nodes[a].total != m_nodes[b].total)
            return m_nodes[a].total > m_nodes[b].total;
        return name(a) < name(b);
    };
    for (std::size_t n = 0; n < m_nodes.size(); ++n)
        std::sort(m_children.begin() + m_childStart[n], m_children.begin() + m_childStart[n + 1],
                  heavierFirst);
}

std::span<const NodeId> CallTree::children(NodeId id) const {
    return std::span<const NodeId>(m_children)
        .subspan(m_childStart[id], m_childStart[id + 1] - m_childStart[id]);
}

std::string_view CallTree::name(NodeId id) const {
    return id == kRootNode ? std::string_view("all")
                           : std::string_view(m_profile->frameName(m_nodes[id].frame));
}

std::optional<NodeId> CallTree::child(NodeId parent, FrameId frame) const {
    const NodeId found = m_index.find(parent, frame);
    return found == ChildIndex::kNone ? std::nullopt : std::optional<NodeId>(found);
}

std::optional<NodeId> CallTree::find(std::span<const std::string_view> names) const {
    NodeId node = kRootNode;
    for (std::string_view n : names) {
        const std::optional<FrameId> frame = m_profile->findFrame(n);
        const std::optional<NodeId> next = frame ? child(node, *frame) : std::nullopt;
        if (!next)
            return std::nullopt;
        node = *next;
    }
    return node;
}

std::vector<NodeId> CallTree::path(NodeId id) const {
    std::vector<NodeId> nodes;
    for (NodeId n = id; n != kRootNode; n = m_nodes[n].parent)
        nodes.push_back(n);
    nodes.push_back(kRootNode);
    std::reverse(nodes.begin(), nodes.end());
    return nodes;
}

} // namespace perflab

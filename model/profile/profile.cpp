// Profile: interning and stack storage; one flat frame array keeps a million stacks compact.
#include "model/profile/profile.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace perflab {

namespace {

std::uint32_t intern(std::vector<std::string>& names, auto& index, std::string_view name) {
    if (auto it = index.find(name); it != index.end())
        return it->second;
    const auto id = static_cast<std::uint32_t>(names.size());
    names.emplace_back(name);
    index.emplace(names.back(), id);
    return id;
}

} // namespace

Profile::Profile()
    : m_tagNames{std::string()} {}

FrameId Profile::internFrame(std::string_view name) {
    return intern(m_frameNames, m_frameIndex, name);
}

std::optional<FrameId> Profile::findFrame(std::string_view name) const {
    if (auto it = m_frameIndex.find(name); it != m_frameIndex.end())
        return it->second;
    return std::nullopt;
}

TagId Profile::internTag(std::string_view name) {
    return name.empty() ? kNoTag : intern(m_tagNames, m_tagIndex, name);
}

void Profile::addStack(std::span<const FrameId> rootFirst, std::uint64_t count, std::string_view thread,
                       std::string_view engine) {
    if (rootFirst.empty())
        throw std::invalid_argument("a profile stack needs at least one frame");
    for (FrameId id : rootFirst)
        if (id >= m_frameNames.size())
            throw std::invalid_argument("frame id " + std::to_string(id) +
                                        " was never interned (profile has " +
                                        std::to_string(m_frameNames.size()) + " frames)");
    if (m_frames.size() + rootFirst.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("a profile holds at most 4 G frames in all its stacks");
    m_stacks.push_back({.count = count,
                        .offset = static_cast<std::uint32_t>(m_frames.size()),
                        .length = static_cast<std::uint32_t>(rootFirst.size()),
                        .thread = internTag(thread),
                        .engine = internTag(engine)});
    m_frames.insert(m_frames.end(), rootFirst.begin(), rootFirst.end());
    m_totalSamples += count;
}

void Profile::addStack(std::span<const std::string_view> rootFirst, std::uint64_t count,
                       std::string_view thread, std::string_view engine) {
    std::vector<FrameId> ids;
    ids.reserve(rootFirst.size());
    for (std::string_view name : rootFirst)
        ids.push_back(internFrame(name));
    addStack(ids, count, thread, engine);
}

Profile::Stack Profile::stack(std::size_t index) const {
    const StoredStack& s = m_stacks[index];
    return {.frames = std::span<const FrameId>(m_frames).subspan(s.offset, s.length),
            .count = s.count,
            .thread = s.thread,
            .engine = s.engine};
}

void Profile::merge(const Profile& other) {
    if (&other == this) {
        // Appending to the stacks being read would move them under our feet.
        const Profile copy = other;
        merge(copy);
        return;
    }
    std::vector<FrameId> remap(other.frameCount());
    for (FrameId id = 0; id < remap.size(); ++id)
        remap[id] = internFrame(other.frameName(id));
    std::vector<FrameId> frames;
    for (std::size_t i = 0; i < other.stackCount(); ++i) {
        const Stack s = other.stack(i);
        frames.clear();
        for (FrameId id : s.frames)
            frames.push_back(remap[id]);
        addStack(frames, s.count, other.tagName(s.thread), other.tagName(s.engine));
    }
}

bool Profile::passes(const Stack& stack, const ProfileFilter& filter) const {
    return (filter.thread.empty() || tagName(stack.thread) == filter.thread) &&
           (filter.engine.empty() || tagName(stack.engine) == filter.engine);
}

Profile Profile::filtered(const ProfileFilter& filter) const {
    Profile kept;
    for (std::size_t i = 0; i < stackCount(); ++i) {
        const Stack s = stack(i);
        if (!passes(s, filter))
            continue;
        std::vector<std::string_view> names;
        for (FrameId id : s.frames)
            names.push_back(frameName(id));
        kept.addStack(names, s.count, tagName(s.thread), tagName(s.engine));
    }
    return kept;
}

std::vector<std::string> Profile::tagsUsed(TagId StoredStack::*field) const {
    std::vector<bool> used(m_tagNames.size());
    for (const StoredStack& s : m_stacks)
        used[s.*field] = true;
    std::vector<std::string> names;
    for (TagId id = 1; id < used.size(); ++id)
        if (used[id])
            names.push_back(m_tagNames[id]);
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> Profile::threads() const {
    return tagsUsed(&StoredStack::thread);
}
std::vector<std::string> Profile::engines() const {
    return tagsUsed(&StoredStack::engine);
}

} // namespace perflab

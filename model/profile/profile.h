// A sampled CPU profile: interned frame names and stacks (root first) with sample counts, optionally
// tagged with the thread and the engine they were taken in. Parsers and profilers fill it; trees read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perflab {

using FrameId = std::uint32_t;
// Index into a profile's tag names; kNoTag marks an untagged stack.
using TagId = std::uint32_t;
inline constexpr TagId kNoTag = 0;

// Which stacks to keep: an empty field keeps every thread (or engine).
struct ProfileFilter {
    std::string thread{};
    std::string engine{};
};

class Profile {
public:
    struct Stack {
        std::span<const FrameId> frames; // root first
        std::uint64_t count = 0;
        TagId thread = kNoTag;
        TagId engine = kNoTag;
    };

    Profile();

    // The id of `name`, adding it on first sight; equal names share one id.
    FrameId internFrame(std::string_view name);
    // The id of `name` if the profile holds it.
    std::optional<FrameId> findFrame(std::string_view name) const;
    // Appends one stack; throws std::invalid_argument for an empty stack or an unknown frame id.
    void addStack(std::span<const FrameId> rootFirst, std::uint64_t count, std::string_view thread = {},
                  std::string_view engine = {});
    // Interns `names` and appends them as one stack.
    void addStack(std::span<const std::string_view> rootFirst, std::uint64_t count,
                  std::string_view thread = {}, std::string_view engine = {});
    // Appends every stack of `other` (frames and tags re-interned by name).
    void merge(const Profile& other);
    // The stacks that pass `filter`, as a new profile.
    Profile filtered(const ProfileFilter& filter) const;

    std::size_t stackCount() const { return m_stacks.size(); }
    Stack stack(std::size_t index) const;
    std::size_t frameCount() const { return m_frameNames.size(); }
    const std::string& frameName(FrameId id) const { return m_frameNames[id]; }
    // "" for kNoTag.
    const std::string& tagName(TagId id) const { return m_tagNames[id]; }
    std::uint64_t totalSamples() const { return m_totalSamples; }
    // Whether a stack with these tags passes `filter`.
    bool passes(const Stack& stack, const ProfileFilter& filter) const;
    // The distinct thread (engine) names the stacks carry, sorted; untagged stacks add none.
    std::vector<std::string> threads() const;
    std::vector<std::string> engines() const;

private:
    struct StoredStack {
        std::uint64_t count;
        std::uint32_t offset;
        std::uint32_t length;
        TagId thread;
        TagId engine;
    };
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using NameIndex = std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>>;

    TagId internTag(std::string_view name);
    std::vector<std::string> tagsUsed(TagId StoredStack::*field) const;

    std::vector<std::string> m_frameNames;
    NameIndex m_frameIndex;
    std::vector<std::string> m_tagNames;
    NameIndex m_tagIndex;
    std::vector<FrameId> m_frames;
    std::vector<StoredStack> m_stacks;
    std::uint64_t m_totalSamples = 0;
};

} // namespace perflab

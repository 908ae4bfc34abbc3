// The stored form of one profile slice: stacks over a run-wide table of names (frames and thread/engine
// tags), each stack written as the frames it shares with the stack before plus its own, zlib-compressed.
#pragma once

#include "model/profile/profile.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace perflab {

// Run-wide name ids: the same name always gets the same id in every slice of a run.
using NameId = std::uint32_t;

struct SliceStack {
    std::span<const NameId> frames; // root first
    std::uint64_t count = 0;
    std::optional<NameId> thread{};
    std::optional<NameId> engine{};
};

// `nameId` gives (adding on first sight) the run-wide id of a frame or tag name.
std::vector<std::uint8_t> encodeProfileSlice(const Profile& profile,
                                             const std::function<NameId(std::string_view)>& nameId);
// Calls `stack` for every stack in stored order; a damaged blob throws std::runtime_error saying what.
void decodeProfileSlice(std::span<const std::uint8_t> blob,
                        const std::function<void(const SliceStack&)>& stack);

} // namespace perflab

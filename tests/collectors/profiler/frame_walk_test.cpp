// The signal handler's frame-pointer walk follows a well-formed chain and stops, without reading outside
// the stack, at frame pointers a function compiled without them leaves behind.
#include "collectors/profiler/frame_walk.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>

using perflab::profiling::Registers;
using perflab::profiling::walkFrames;

namespace {

// A fake stack of 64 words; frames are linked by storing {caller fp, return address} pairs in it.
struct FakeStack {
    alignas(16) std::array<std::uint64_t, 64> words{};
    std::uint64_t address(std::size_t word) const { return reinterpret_cast<std::uint64_t>(&words[word]); }
    std::uint64_t high() const { return address(0) + sizeof words; }
    void frame(std::size_t word, std::uint64_t callerFp, std::uint64_t returnAddress) {
        words[word] = callerFp;
        words[word + 1] = returnAddress;
    }
};

} // namespace

TEST_CASE("the frame walk returns the pc and every return address of a well-formed chain") {
    FakeStack stack;
    stack.frame(4, stack.address(20), 0x1111);
    stack.frame(20, stack.address(40), 0x2222);
    stack.frame(40, 0, 0x3333); // the outermost frame: no caller
    std::array<std::uint64_t, 16> out{};
    const std::size_t depth = walkFrames(
        Registers{.pc = 0x9999, .fp = stack.address(4), .sp = stack.address(2)}, stack.high(), out);
    REQUIRE(depth == 4);
    CHECK(out[0] == 0x9999);
    CHECK(out[1] == 0x1111);
    CHECK(out[2] == 0x2222);
    CHECK(out[3] == 0x3333);
}

TEST_CASE("the frame walk stops at a frame pointer that is misaligned, goes down, or leaves the stack") {
    FakeStack stack;
    const std::uint64_t bad = GENERATE(as<std::uint64_t>{}, 3, 1, 2);
    stack.frame(4, stack.address(20), 0x1111);
    if (bad == 3)
        stack.frame(20, stack.address(30) + 4, 0x2222); // misaligned
    if (bad == 1)
        stack.frame(20, stack.address(10), 0x2222); // back down the stack: a loop
    if (bad == 2)
        stack.frame(20, stack.high() + 4096, 0x2222); // above the stack's memory
    std::array<std::uint64_t, 16> out{};
    const std::size_t depth = walkFrames(
        Registers{.pc = 0x9999, .fp = stack.address(4), .sp = stack.address(2)}, stack.high(), out);
    CHECK(depth == 3); // pc, 0x1111, 0x2222: the bad pointer itself is never followed
}

TEST_CASE("the frame walk keeps only the pc when the stack's memory range is unknown or fp is below sp") {
    FakeStack stack;
    stack.frame(4, stack.address(20), 0x1111);
    std::array<std::uint64_t, 16> out{};
    CHECK(walkFrames(Registers{.pc = 1, .fp = stack.address(4), .sp = stack.address(2)}, 0, out) == 1);
    CHECK(walkFrames(Registers{.pc = 1, .fp = stack.address(4), .sp = stack.address(6)}, stack.high(), out) ==
          1);
}

TEST_CASE("the frame walk stops at the buffer's end") {
    FakeStack stack;
    for (std::size_t word = 0; word + 4 < stack.words.size(); word += 2)
        stack.frame(word, stack.address(word + 2), 0x1000 + word);
    std::array<std::uint64_t, 5> out{};
    CHECK(walkFrames(Registers{.pc = 1, .fp = stack.address(0), .sp = stack.address(0)}, stack.high(), out) ==
          5);
}

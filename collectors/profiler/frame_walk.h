// The frame-pointer walk of the signal-timer profiler: async-signal-safe (no allocation, no locks, no
// system call), and it never follows a frame pointer out of the sampled thread's stack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace perflab::profiling {

struct Registers {
    std::uint64_t pc = 0;
    std::uint64_t fp = 0;
    std::uint64_t sp = 0;
};

// Fills `out` with pc, then the return address of every frame on the chain from fp (each frame: the caller's
// frame pointer, then the return address), leaf first; returns how many it wrote. The walk stops at a frame
// pointer that is misaligned, not above the previous one (or below sp), or whose frame does not fit below
// stackHigh (the end of the readable stack memory holding sp), and at a zero return address.
std::size_t walkFrames(const Registers& registers, std::uint64_t stackHigh,
                       std::span<std::uint64_t> out) noexcept;

// The registers a signal handler's ucontext (its third argument) holds at the interrupted instruction.
Registers interruptedRegisters(const void* ucontext) noexcept;

} // namespace perflab::profiling

// Frame-pointer walk and the interrupted registers, per architecture (x86-64, AArch64: both keep the
// caller's frame pointer at [fp] and the return address at [fp + 8]).
#include "collectors/profiler/frame_walk.h"

#include <ucontext.h>

namespace perflab::profiling {

// Reads stack words that belong to no object the sanitizers know of: the frames of interrupted functions.
[[gnu::no_sanitize_address]] std::size_t walkFrames(const Registers& registers, std::uint64_t stackHigh,
                                                    std::span<std::uint64_t> out) noexcept {
    if (out.empty())
        return 0;
    std::size_t depth = 0;
    out[depth++] = registers.pc;
    std::uint64_t fp = registers.fp;
    std::uint64_t lowest = registers.sp;
    constexpr std::uint64_t kFrameBytes = 2 * sizeof(std::uint64_t);
    while (depth < out.size()) {
        if (fp % sizeof(std::uint64_t) != 0 || fp < lowest || fp > stackHigh || stackHigh - fp < kFrameBytes)
            break;
        const auto* frame = reinterpret_cast<const std::uint64_t*>(fp);
        const std::uint64_t returnAddress = frame[1];
        if (returnAddress == 0)
            break;
        out[depth++] = returnAddress;
        lowest = fp + kFrameBytes; // the caller's frame lies strictly above this one
        fp = frame[0];
    }
    return depth;
}

Registers interruptedRegisters(const void* ucontext) noexcept {
    const auto& context = static_cast<const ucontext_t*>(ucontext)->uc_mcontext;
#if defined(__x86_64__)
    return {.pc = static_cast<std::uint64_t>(context.gregs[REG_RIP]),
            .fp = static_cast<std::uint64_t>(context.gregs[REG_RBP]),
            .sp = static_cast<std::uint64_t>(context.gregs[REG_RSP])};
#elif defined(__aarch64__)
    return {.pc = context.pc, .fp = context.regs[29], .sp = context.sp};
#else
#error "the signal-timer profiler knows the registers of x86-64 and AArch64 only"
#endif
}

} // namespace perflab::profiling

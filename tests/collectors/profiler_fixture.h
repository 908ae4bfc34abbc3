// Shared by the profiler tests: a named thread that burns a known amount of its own CPU time in a function
// the profile must find, and queries over a Profile's stacks.
#pragma once

#include "model/profile.h"

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <thread>

#include <pthread.h>

namespace profiler_test {

inline double threadCpuSeconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Spins until this thread has used `seconds` of CPU time: samples land here whatever else loads the machine.
[[gnu::noinline]] inline std::uint64_t spinBusily(double seconds) {
    const double end = threadCpuSeconds() + seconds;
    std::uint64_t state = 88172645463325252ull;
    while (threadCpuSeconds() < end)
        for (int i = 0; i < 100'000; ++i) { // xorshift: work the optimizer cannot drop
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
        }
    return state;
}

inline std::uint64_t g_sink = 0;

// Starts a thread named `name` that spins for `seconds` of its CPU time, then ends.
inline std::thread spinnerThread(std::string name, double seconds) {
    return std::thread([name, seconds] {
        ::pthread_setname_np(::pthread_self(), name.c_str());
        g_sink += spinBusily(seconds);
    });
}

inline bool hasFrameStartingWith(const perflab::Profile& profile, const perflab::Profile::Stack& stack,
                                 std::string_view prefix) {
    for (const perflab::FrameId id : stack.frames)
        if (profile.frameName(id).starts_with(prefix))
            return true;
    return false;
}

// Samples of the thread named `thread` (all threads when empty) whose stack has a frame starting with prefix.
inline std::uint64_t samplesThrough(const perflab::Profile& profile, std::string_view prefix,
                                    std::string_view thread = {}) {
    std::uint64_t samples = 0;
    for (std::size_t i = 0; i < profile.stackCount(); ++i) {
        const auto stack = profile.stack(i);
        if ((thread.empty() || profile.tagName(stack.thread) == thread) &&
            hasFrameStartingWith(profile, stack, prefix))
            samples += stack.count;
    }
    return samples;
}

inline std::uint64_t samplesOfThread(const perflab::Profile& profile, std::string_view thread) {
    std::uint64_t samples = 0;
    for (std::size_t i = 0; i < profile.stackCount(); ++i)
        if (profile.tagName(profile.stack(i).thread) == thread)
            samples += profile.stack(i).count;
    return samples;
}

constexpr std::string_view kSpinFrame = "profiler_test::spinBusily(";

} // namespace profiler_test

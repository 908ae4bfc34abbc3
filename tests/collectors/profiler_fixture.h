// Shared by the profiler tests: a named thread that burns a known amount of its own CPU time in a function
// the profile must find, and queries over a Profile's stacks.
#pragma once

#include "model/profile/profile.h"

#include <atomic>
#include <chrono>
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

inline std::atomic<std::uint64_t> g_sink{0};

// Starts a thread named `name` that spins for `seconds` of its CPU time, then ends.
inline std::thread spinnerThread(std::string name, double seconds) {
    return std::thread([name, seconds] {
        ::pthread_setname_np(::pthread_self(), name.c_str());
        g_sink += spinBusily(seconds);
    });
}

// A named thread spinning in spinBusily until stopped. Start it before the profiler, which then samples it
// from its first period, and run it for an amount of its own CPU time: the figures do not depend on how
// loaded the machine is.
class Spinner {
public:
    explicit Spinner(const std::string& name)
        : m_thread([this, name] {
            ::pthread_setname_np(::pthread_self(), name.c_str());
            m_started = true;
            while (!m_stop)
                g_sink += spinBusily(0.005);
        }) {
        while (!m_started)
            std::this_thread::yield();
    }
    ~Spinner() { stop(); }
    Spinner(const Spinner&) = delete;
    Spinner& operator=(const Spinner&) = delete;

    double cpuSeconds() {
        clockid_t clock{};
        ::pthread_getcpuclockid(m_thread.native_handle(), &clock);
        timespec used{};
        ::clock_gettime(clock, &used);
        return static_cast<double>(used.tv_sec) + static_cast<double>(used.tv_nsec) * 1e-9;
    }
    // Returns once the thread has spun `seconds` more of its CPU time.
    void runFor(double seconds) {
        const double end = cpuSeconds() + seconds;
        while (cpuSeconds() < end)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    void stop() {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    std::atomic<bool> m_started{false};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

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

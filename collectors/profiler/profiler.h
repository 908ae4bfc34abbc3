// The sampling profiler of the run process: samples the call stacks of every thread (perf_event_open
// self-sampling, or per-thread CPU-time signal timers where perf is refused) and hands them over as Profile
// slices, each stack tagged with its thread and, when it runs engine code, the engine.
#pragma once

#include "model/profile/profile.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perflab {

enum class ProfilerMechanism {
    Automatic,   // perf_event, else signal-timer when the kernel refuses perf_event_open
    PerfEvent,   // perf_event or an error
    SignalTimer, // signal-timer even where perf_event works
};

// "auto", "perf", "signal" (the values of PERFLAB_PROFILER); nullopt for anything else.
std::optional<ProfilerMechanism> parseProfilerMechanism(std::string_view text);

struct ProfilerOptions {
    int hz = 999; // samples per second of CPU time, per thread: 1 to 10000
    ProfilerMechanism mechanism = ProfilerMechanism::Automatic;
    // A stack is tagged with the outermost of these whose namespace perflab::engines::<name> it passes.
    std::vector<std::string> engines{};
};

class Profiler {
public:
    // Starts sampling every thread of the process, and threads started later within 100 ms of their start.
    // Throws std::invalid_argument for a rate out of range, profiling::SamplingRefused when PerfEvent is
    // forced and the kernel refuses it, std::system_error when sampling cannot start.
    explicit Profiler(ProfilerOptions options = {});
    ~Profiler();
    Profiler(const Profiler&) = delete;
    Profiler& operator=(const Profiler&) = delete;

    // The stacks sampled since the previous slice (root first); every sample lands in exactly one slice.
    Profile takeSlice();
    // Stops sampling; the samples not yet taken stay for the next takeSlice().
    void stop();

    // "perf_event" or "signal-timer".
    std::string_view mechanism() const;
    int hz() const;
    // Since the start: samples taken (in sampling periods), and samples the mechanism dropped because its
    // buffers were full.
    std::uint64_t samplesTaken() const;
    std::uint64_t lostSamples() const;
    // The first thread that could not be sampled and why ("" when every thread was).
    std::string problem() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab

// What the profiler's two sampling mechanisms share: attach a thread, detach it, hand over the raw call
// stacks (instruction addresses, leaf first) taken since the last drain.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <sys/types.h>

namespace perflab::profiling {

// Deepest call stack kept; deeper stacks lose their outermost frames.
inline constexpr std::size_t kMaxStackDepth = 128;

// Receives one sample: the thread it was taken in, its addresses, leaf first (the leaf is the sampled
// instruction, every other one a return address), and how many sampling periods it stands for (more than one
// when a signal timer expired several times between two deliveries).
using SampleSink =
    std::function<void(pid_t tid, std::span<const std::uint64_t> leafFirst, std::uint32_t periods)>;

class SampleSource {
public:
    virtual ~SampleSource() = default;
    // Starts sampling thread `tid` of this process; false when the thread is already gone.
    virtual bool attach(pid_t tid) = 0;
    // Stops sampling `tid` (after its last samples are drained).
    virtual void detach(pid_t tid) = 0;
    // Hands every sample taken since the last call to `sink`, on the caller's thread.
    virtual void drain(const SampleSink& sink) = 0;
    // Samples the mechanism knows it dropped (full buffers), since the source started.
    virtual std::uint64_t lostSamples() const = 0;
    // "perf_event" or "signal-timer".
    virtual std::string_view mechanism() const = 0;
};

} // namespace perflab::profiling

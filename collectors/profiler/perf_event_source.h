// Self-sampling with perf_event_open: one software CPU-clock event per thread in frequency mode, the kernel
// walking the user-space call chain from frame pointers into a ring buffer per thread.
#pragma once

#include "collectors/profiler/sample_source.h"

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

namespace perflab::profiling {

// The kernel refuses self-sampling here (perf_event_paranoid, seccomp, no perf support): the profiler falls
// back to signal timers.
class SamplingRefused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class PerfEventSource final : public SampleSource {
public:
    explicit PerfEventSource(int hz);
    ~PerfEventSource() override;
    PerfEventSource(const PerfEventSource&) = delete;
    PerfEventSource& operator=(const PerfEventSource&) = delete;

    // Throws SamplingRefused when perf_event_open is not allowed, std::system_error on other failures.
    bool attach(pid_t tid) override;
    void detach(pid_t tid) override;
    void drain(const SampleSink& sink) override;
    std::uint64_t lostSamples() const override { return m_lost; }
    std::string_view mechanism() const override { return "perf_event"; }

private:
    class Ring;
    void drainRing(Ring& ring, const SampleSink& sink);

    int m_hz;
    std::map<pid_t, std::unique_ptr<Ring>> m_rings;
    std::vector<std::unique_ptr<Ring>> m_closing; // detached: drained once more, then closed
    std::vector<std::uint64_t> m_record;          // one record, copied out of the ring when it wraps
    std::uint64_t m_lost = 0;
};

} // namespace perflab::profiling

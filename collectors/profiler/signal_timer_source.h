// The fallback sampler: a CPU-time timer per thread (timer_create on the thread's CPU clock, delivered to
// that thread with SIGEV_THREAD_ID) whose SIGPROF handler walks the frame pointers into a lock-free buffer
// of that thread. One signal-timer source may exist at a time: the signal disposition is process-wide.
// The kernel checks CPU-time timers at its scheduler tick (CONFIG_HZ, often 250), so above that rate one
// signal covers several periods: the sample carries 1 + the timer's overrun count as its weight.
#pragma once

#include "collectors/profiler/sample_source.h"

#include <ctime>
#include <map>
#include <memory>
#include <vector>

namespace perflab::profiling {

class SignalTimerSource final : public SampleSource {
public:
    // Installs the SIGPROF handler; throws std::logic_error when another signal-timer source is active.
    explicit SignalTimerSource(int hz);
    // Stops every timer, waits for handlers in flight, restores the previous SIGPROF disposition.
    ~SignalTimerSource() override;
    SignalTimerSource(const SignalTimerSource&) = delete;
    SignalTimerSource& operator=(const SignalTimerSource&) = delete;

    bool attach(pid_t tid) override;
    void detach(pid_t tid) override;
    void drain(const SampleSink& sink) override;
    std::uint64_t lostSamples() const override;
    std::string_view mechanism() const override { return "signal-timer"; }

private:
    struct Thread;
    void drainThread(Thread& thread, const SampleSink& sink);
    void refreshStackRanges();
    void release(Thread& thread);

    long m_periodNs;
    std::map<pid_t, std::unique_ptr<Thread>> m_threads;
    std::vector<std::unique_ptr<Thread>> m_detached; // timer deleted; drained, then freed
    std::vector<std::uint32_t> m_freeSlots;
    std::uint64_t m_lostOfFreed = 0;
    std::uint64_t m_unknownStacksSeen = 0;
};

} // namespace perflab::profiling

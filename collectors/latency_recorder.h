// Per-thread latency histograms and counters, swapped once a second without taking a lock on the hot path.
#pragma once

#include "model/metrics/interval.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace perflab {

// Which part of the traffic a request was: its index in the target's mix, and its HTTP status (0: none).
struct RequestTag {
    std::uint32_t request = 0;
    int status = 0;
};

// One writer per slot (a load worker thread); one reader (the interval clock) calls collect().
// Writers and the reader coordinate with a writer-reader phaser (as HdrHistogram's Recorder does):
// a writer pays two uncontended atomic increments per sample, never a lock or an allocation.
class LatencyRecorder {
public:
    class Slot {
    public:
        // latencyUs: from the intended send time; serviceUs: from the actual send time.
        void recordSuccess(std::int64_t latencyUs, std::int64_t serviceUs, RequestTag tag = {}) noexcept;
        void recordError(ErrorKind kind, std::int64_t latencyUs, std::int64_t serviceUs,
                         RequestTag tag = {}) noexcept;
        // An answer served from a fallback, staleAgeMs old: counted apart, its time in no latency figure.
        void recordDegraded(std::int64_t staleAgeMs, RequestTag tag = {}) noexcept;
        void countLateSend() noexcept;
        void countDroppedSend() noexcept;

    private:
        friend class LatencyRecorder;
        struct Buffer;
        explicit Slot(std::size_t requests);
        template <class F> void write(F&& f) noexcept;
        std::unique_ptr<Buffer> m_buffers[2];
        alignas(64) std::atomic<std::int64_t> m_startEpoch{0};
        std::atomic<std::int64_t> m_evenEndEpoch{0};
        std::atomic<std::int64_t> m_oddEndEpoch{INT64_MIN};
    };

    // requests > 0: also keep latency by request of the target's mix (Tag::request < requests) and by
    // status class, into Interval::byRequest and byStatusClass.
    explicit LatencyRecorder(std::size_t slots, std::size_t requests = 0);
    ~LatencyRecorder();
    std::size_t size() const noexcept { return m_slots.size(); }
    Slot& slot(std::size_t index) noexcept { return *m_slots[index]; }

    // Swaps every slot's buffer and merges what was recorded since the last call into `into`
    // (requests, errors, degraded answers, late/dropped sends, the histograms); other fields of `into` are
    // left alone.
    void collect(Interval& into);

private:
    std::vector<std::unique_ptr<Slot>> m_slots;
};

} // namespace perflab

// LatencyRecorder: per-thread double buffers flipped by a writer-reader phaser (HdrHistogram's design).
#include "collectors/latency_recorder.h"

#include <thread>

namespace perflab {

struct LatencyRecorder::Slot::Buffer {
    Histogram latency;
    Histogram serviceTime;
    Histogram failureTime;
    Histogram staleAge;
    RequestCounts counts;
    std::vector<LatencyPart> byRequest;
    std::vector<LatencyPart> byStatusClass;

    explicit Buffer(std::size_t parts)
        : byRequest(parts)
        , byStatusClass(parts > 0 ? kStatusClassCount : 0) {}

    // A failed request's time goes to failureTime only: it never enters the latency percentiles.
    void record(std::int64_t latencyUs, std::int64_t serviceUs, RequestTag tag, bool error) noexcept {
        if (error) {
            failureTime.record(serviceUs);
        } else {
            latency.record(latencyUs);
            serviceTime.record(serviceUs);
        }
        ++counts.requests;
        eachPart(tag, [&](LatencyPart& part) {
            ++part.requests;
            if (error) {
                ++part.errors;
                part.failureTime.record(serviceUs);
            } else {
                part.latency.record(latencyUs);
            }
        });
    }

    void recordDegraded(std::int64_t staleAgeMs, RequestTag tag) noexcept {
        staleAge.record(staleAgeMs * 1000);
        ++counts.requests;
        ++counts.degraded;
        eachPart(tag, [](LatencyPart& part) {
            ++part.requests;
            ++part.degraded;
        });
    }

    // The parts a request is also counted in, when they are kept: its request of the mix and its status
    // class.
    template <class F> void eachPart(RequestTag tag, F&& f) noexcept {
        if (byRequest.empty() || tag.request >= byRequest.size())
            return;
        f(byRequest[tag.request]);
        f(byStatusClass[static_cast<std::size_t>(statusClassOf(tag.status))]);
    }

    static void moveParts(std::vector<LatencyPart>& from, std::vector<LatencyPart>& into) {
        mergeParts(from, into);
        for (LatencyPart& part : from) {
            part.requests = 0;
            part.errors = 0;
            part.degraded = 0;
            part.latency.reset();
            part.failureTime.reset();
        }
    }

    void moveInto(Interval& into) {
        into.counts += counts;
        into.latency.merge(latency);
        into.serviceTime.merge(serviceTime);
        into.failureTime.merge(failureTime);
        into.staleAge.merge(staleAge);
        latency.reset();
        serviceTime.reset();
        failureTime.reset();
        staleAge.reset();
        counts = {};
        moveParts(byRequest, into.byRequest);
        moveParts(byStatusClass, into.byStatusClass);
    }
};

// Writers of the even phase draw non-negative start epochs and write buffer 0; after a flip the start
// epoch restarts at INT64_MIN, so writers of the odd phase draw negative epochs and write buffer 1.
// Each writer counts itself out on its phase's end epoch; the reader knows the old phase is drained
// when that end epoch reaches the start value it swapped out.
template <class F> void LatencyRecorder::Slot::write(F&& f) noexcept {
    // acq_rel: the buffer writes below stay after the entry, and see the reader's last reset.
    const std::int64_t epoch = m_startEpoch.fetch_add(1, std::memory_order_acq_rel);
    const bool odd = epoch < 0;
    f(*m_buffers[odd ? 1 : 0]);
    (odd ? m_oddEndEpoch : m_evenEndEpoch).fetch_add(1, std::memory_order_release);
}

LatencyRecorder::Slot::Slot(std::size_t requests)
    : m_buffers{std::make_unique<Buffer>(requests), std::make_unique<Buffer>(requests)} {}

void LatencyRecorder::Slot::recordSuccess(std::int64_t latencyUs, std::int64_t serviceUs,
                                          RequestTag tag) noexcept {
    write([&](Buffer& b) { b.record(latencyUs, serviceUs, tag, false); });
}

void LatencyRecorder::Slot::recordError(ErrorKind kind, std::int64_t latencyUs, std::int64_t serviceUs,
                                        RequestTag tag) noexcept {
    write([&](Buffer& b) {
        b.record(latencyUs, serviceUs, tag, true);
        b.counts.addError(kind);
    });
}

void LatencyRecorder::Slot::recordDegraded(std::int64_t staleAgeMs, RequestTag tag) noexcept {
    write([&](Buffer& b) { b.recordDegraded(staleAgeMs, tag); });
}

void LatencyRecorder::Slot::countLateSend() noexcept {
    write([](Buffer& b) { ++b.counts.lateSends; });
}

void LatencyRecorder::Slot::countDroppedSend() noexcept {
    write([](Buffer& b) { ++b.counts.droppedSends; });
}

LatencyRecorder::LatencyRecorder(std::size_t slots, std::size_t requests) {
    m_slots.reserve(slots);
    for (std::size_t i = 0; i < slots; ++i)
        m_slots.push_back(std::unique_ptr<Slot>(new Slot(requests))); // Slot's constructor is private to us
}

LatencyRecorder::~LatencyRecorder() = default;

void LatencyRecorder::collect(Interval& into) {
    for (const auto& slot : m_slots) {
        Slot& s = *slot;
        const bool nextIsEven = s.m_startEpoch.load(std::memory_order_relaxed) < 0;
        const std::int64_t nextStart = nextIsEven ? 0 : INT64_MIN;
        // The next phase's end epoch is idle (its writers drained at the previous flip): reset it first.
        (nextIsEven ? s.m_evenEndEpoch : s.m_oddEndEpoch).store(nextStart, std::memory_order_relaxed);
        const std::int64_t startAtFlip = s.m_startEpoch.exchange(nextStart, std::memory_order_acq_rel);
        std::atomic<std::int64_t>& oldEnd = nextIsEven ? s.m_oddEndEpoch : s.m_evenEndEpoch;
        while (oldEnd.load(std::memory_order_acquire) != startAtFlip)
            std::this_thread::yield();
        s.m_buffers[nextIsEven ? 1 : 0]->moveInto(into);
    }
}

} // namespace perflab

// LatencyRecorder: concurrent writers and a collecting reader lose and duplicate nothing.
#include "collectors/latency_recorder.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

using perflab::ErrorKind;
using perflab::Interval;
using perflab::LatencyRecorder;

TEST_CASE("collect on an idle recorder gives zeros") {
    LatencyRecorder recorder(3);
    for (int round = 0; round < 3; ++round) {
        Interval interval;
        recorder.collect(interval);
        CHECK(interval.counts.requests == 0);
        CHECK(interval.counts.errors == 0);
        CHECK(interval.counts.lateSends == 0);
        CHECK(interval.counts.droppedSends == 0);
        CHECK(interval.latency.empty());
        CHECK(interval.serviceTime.empty());
    }
}

TEST_CASE("errors by kind and late and dropped sends reach the interval, once") {
    LatencyRecorder recorder(2);
    recorder.slot(0).recordSuccess(100, 90);
    recorder.slot(0).recordError(ErrorKind::Timeout, 5'000'000, 5'000'000);
    recorder.slot(1).recordError(ErrorKind::Status5xx, 300, 200);
    recorder.slot(1).recordError(ErrorKind::Status5xx, 310, 210);
    recorder.slot(1).countLateSend();
    recorder.slot(0).countDroppedSend();
    recorder.slot(0).countDroppedSend();

    Interval first;
    first.activeUsers = 17;
    recorder.collect(first);
    CHECK(first.counts.requests == 4);
    CHECK(first.counts.errors == 3);
    CHECK(first.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Timeout)] == 1);
    CHECK(first.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] == 2);
    CHECK(first.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Connect)] == 0);
    CHECK(first.counts.lateSends == 1);
    CHECK(first.counts.droppedSends == 2);
    CHECK(first.latency.count() == 1); // the three failures are in failureTime, not in latency
    CHECK(first.failureTime.count() == 3);
    CHECK(first.failureTime.max() >= 5'000'000);
    CHECK(first.serviceTime.min() == 90);
    CHECK(first.activeUsers == 17); // fields the recorder does not own are left alone

    recorder.slot(1).recordSuccess(42, 40);
    Interval second;
    recorder.collect(second);
    CHECK(second.counts.requests == 1);
    CHECK(second.counts.errors == 0);
    CHECK(second.counts.lateSends == 0);
    CHECK(second.latency.count() == 1);
    CHECK(second.latency.max() == 42);
}

TEST_CASE("samples from four writers add up exactly while another thread collects") {
    constexpr int kWriters = 4;
    constexpr std::int64_t kPerWriter = 200'000;
    constexpr int kCollectionsBeforeSecondHalf = 20;
    LatencyRecorder recorder(kWriters);
    std::atomic<int> finished{0};
    std::atomic<int> collections{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w)
        writers.emplace_back([&, w] {
            auto& slot = recorder.slot(static_cast<std::size_t>(w));
            for (std::int64_t i = 0; i < kPerWriter; ++i) {
                // Halfway, let the collector flip a few times so flips surely interleave with writes.
                while (i == kPerWriter / 2 && collections.load() < kCollectionsBeforeSecondHalf)
                    std::this_thread::yield();
                if (i % 100 == 0)
                    slot.recordError(ErrorKind::Io, 1 + i % 5000, 1 + i % 3000);
                else
                    slot.recordSuccess(1 + i % 5000, 1 + i % 3000);
                if (i % 1000 == 0)
                    slot.countLateSend();
            }
            finished.fetch_add(1);
        });

    Interval total;
    while (finished.load() < kWriters) {
        recorder.collect(total); // collect adds to what the interval holds: flip as often as possible
        collections.fetch_add(1);
    }
    for (auto& t : writers)
        t.join();
    recorder.collect(total);

    CHECK(collections.load() >= kCollectionsBeforeSecondHalf);
    const auto expected = static_cast<std::uint64_t>(kWriters * kPerWriter);
    CHECK(total.counts.requests == expected);
    CHECK(total.latency.count() + total.failureTime.count() == expected);
    CHECK(total.serviceTime.count() == expected - expected / 100);
    CHECK(total.failureTime.count() == expected / 100);
    CHECK(total.counts.errors == expected / 100);
    CHECK(total.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Io)] == expected / 100);
    CHECK(total.counts.lateSends == expected / 1000);

    // The merged distribution is exactly the one written by the successes.
    perflab::Histogram reference;
    for (int w = 0; w < kWriters; ++w)
        for (std::int64_t i = 0; i < kPerWriter; ++i)
            if (i % 100 != 0)
                reference.record(1 + i % 5000);
    CHECK(total.latency.encode() == reference.encode());
}

TEST_CASE("a failed request's time goes to the failure histogram, never to the latency percentiles") {
    LatencyRecorder recorder(1, 1);
    for (int i = 0; i < 99; ++i)
        recorder.slot(0).recordError(ErrorKind::Connect, 70, 70, {.request = 0, .status = 0});
    recorder.slot(0).recordSuccess(20'000, 20'000, {.request = 0, .status = 200});
    Interval interval;
    recorder.collect(interval);
    CHECK(interval.counts.requests == 100);
    CHECK(interval.latency.count() == 1);
    CHECK(interval.latency.percentile(50) >= 19'900); // not the 99 refused connects' 70 us
    CHECK(interval.serviceTime.count() == 1);
    CHECK(interval.failureTime.count() == 99);
    REQUIRE(interval.byRequest.size() == 1);
    CHECK(interval.byRequest[0].requests == 100);
    CHECK(interval.byRequest[0].errors == 99);
    CHECK(interval.byRequest[0].latency.count() == 1);
    CHECK(interval.byRequest[0].failureTime.count() == 99);
}

TEST_CASE("a degraded answer is counted apart with its stale age, in no latency and no success") {
    LatencyRecorder recorder(1, 2);
    LatencyRecorder::Slot& slot = recorder.slot(0);
    slot.recordSuccess(1'000, 900, {.request = 0, .status = 200});
    slot.recordDegraded(12'345, {.request = 1, .status = 200});
    slot.recordDegraded(800, {.request = 1, .status = 200});
    Interval interval;
    recorder.collect(interval);
    CHECK(interval.counts.requests == 3);
    CHECK(interval.counts.degraded == 2);
    CHECK(interval.counts.errors == 0);
    CHECK(interval.counts.successes() == 1);
    CHECK(interval.latency.count() == 1);
    CHECK(interval.serviceTime.count() == 1);
    CHECK(interval.staleAge.count() == 2);
    CHECK(interval.staleAge.max() == Approx(12'345'000).epsilon(0.001)); // µs
    REQUIRE(interval.byRequest.size() == 2);
    CHECK(interval.byRequest[1].requests == 2);
    CHECK(interval.byRequest[1].degraded == 2);
    CHECK(interval.byRequest[1].latency.count() == 0);

    Interval next; // collected once
    recorder.collect(next);
    CHECK(next.counts.degraded == 0);
    CHECK(next.staleAge.empty());
}

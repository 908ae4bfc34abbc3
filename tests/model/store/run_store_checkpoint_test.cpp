// The store's checkpoints under SQLite's WAL locks: each holds the write lock, so none can overlap a commit
// of another connection (the WAL-reset bug of SQLite before 3.51.3 needs exactly that overlap).
#include "model/store/run_store.h"
#include "tests/model/store/wal_lock_probe.h"
#include "tests/model/store_fixture.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace perflab;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;

Interval second(int i) {
    Interval interval;
    interval.startMs = kT0 + std::int64_t{i} * 1000;
    interval.counts.requests = 500;
    for (int k = 0; k < 500; ++k) {
        interval.latency.record(1000 + (k * 7919 + i * 31) % 90'000);
        interval.serviceTime.record(900 + (k * 104'729 + i * 17) % 80'000);
    }
    return interval;
}

} // namespace

TEST_CASE("every checkpoint of the store holds the write lock, so no other connection commits meanwhile") {
    test::StoreDir dir;
    test::WalLockProbe probe;
    {
        RunStore store(dir.path() / "runs.db");
        RunStore other(dir.path() / "runs.db"); // a second writer, as another run process would be
        const std::int64_t run = store.beginRun("checkpointed", TestKind::Soak, "{}");
        const std::int64_t otherRun = other.beginRun("beside it", TestKind::Soak, "{}");
        // Each second committed on its own, as a run commits them: the WAL passes 4 MiB many times.
        for (int i = 0; i < 600 && probe.checkpoints() < 20; ++i) {
            store.append(run, second(i));
            other.append(otherRun, second(i));
            store.flush();
            other.flush();
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (probe.checkpoints() == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(probe.checkpoints() > 0);
    CHECK(probe.checkpointsWithoutWriteLock() == 0);
}

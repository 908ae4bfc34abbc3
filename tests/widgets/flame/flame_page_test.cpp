// The Flame page over a stored run: the whole profile with its mechanism in the caption, live growth while
// the run goes, a time range, the end of the run, and a run without a profile.
#include "widgets/flame/flame_page.h"

#include "tests/model/store_fixture.h"
#include "tests/widgets/file_store_requests.h"
#include "tests/widgets/flame_page_fixture.h"
#include "tests/widgets/stored_run.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTest>

using namespace perflab;
using namespace perflab::test;

TEST_CASE(
    "the Flame page shows a running run's whole profile with its mechanism and grows as slices arrive") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    RunStore store(file);
    const std::int64_t id = test::writeStoredRun(store, 30, RunStatus::Running);
    const Profile slice = knowledgeServer();
    store.appendProfile(id, kRunStartMs, kRunStartMs + 10'000, "perf_event", slice);
    store.appendProfile(id, kRunStartMs + 10'000, kRunStartMs + 20'000, "perf_event", slice);
    store.flush();

    FileStoreRequests requests(file);
    FlamePage page(requests);
    page.setRefreshInterval(std::chrono::milliseconds(50));
    page.resize(1200, 700);
    page.show();
    shownAfter(page, [&] { page.showRun(id, true); });
    CHECK(page.caption().contains(QStringLiteral("sampled by perf_event")));
    CHECK(page.caption().contains(QStringLiteral("whole run")));
    CHECK(page.caption().contains(QStringLiteral("live")));
    CHECK(paintedSamples(page) == 2 * slice.totalSamples());

    store.appendProfile(id, kRunStartMs + 20'000, kRunStartMs + 30'000, "perf_event", slice);
    store.flush();
    for (int i = 0; i < 100 && page.view()->scene()->tree->totalSamples() != 3 * slice.totalSamples(); ++i)
        QTest::qWait(20);
    CHECK(paintedSamples(page) == 3 * slice.totalSamples());

    SECTION("a range shows only the slices overlapping it") {
        shownAfter(page, [&] { page.showRange(kRunStartMs + 10'000, kRunStartMs + 20'000); });
        CHECK(page.caption().contains(QStringLiteral("0:10 to 0:20 of the run")));
        for (int i = 0; i < 100 && page.view()->scene()->tree->totalSamples() != slice.totalSamples(); ++i)
            QTest::qWait(20);
        CHECK(paintedSamples(page) == slice.totalSamples());
    }
    SECTION("the end of the run stops the refreshes") {
        shownAfter(page, [&] { page.runEnded(); });
        CHECK_FALSE(page.caption().contains(QStringLiteral("live")));
        QSignalSpy more(&page, &FlamePage::profileShown);
        CHECK_FALSE(more.wait(300));
    }
}

TEST_CASE("the Flame page of a run without a profile says it was run without the profiler") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    RunStore store(file);
    const std::int64_t id = test::writeStoredRun(store, 5);
    FileStoreRequests requests(file);
    FlamePage page(requests);
    shownAfter(page, [&] { page.showRun(id, false); });
    CHECK(page.caption().contains(QStringLiteral("run without the profiler")));
}

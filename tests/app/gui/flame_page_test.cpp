// The window's Flame page over a stored run: the whole profile, live growth while the run goes, a time range,
// the mechanism in its caption, a run without a profile, and the range picked on the dashboard.
#include "app/gui/main_window.h"
#include "widgets/flame/flame_page.h"

#include "model/profile/call_tree.h"
#include "model/profile/folded_stacks.h"
#include "tests/model/store_fixture.h"
#include "tests/widgets/stored_run.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/flame/flame_view.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace perflab;
using perflab::test::kRunStartMs;
using perflab::test::StoreDir;

namespace {

Profile knowledgeServer() {
    return readFoldedStacksFile(PERFLAB_SOURCE_DIR "/tests/widgets/knowledge_server.folded",
                                {.name = "", .thread = "worker-0", .engine = "knowledge"});
}

// The samples of the scene the view paints once its layout for the latest profile has landed.
std::uint64_t paintedSamples(FlamePage& page) {
    QSignalSpy scene(page.view(), &FlameView::sceneChanged);
    if (page.view()->isLayoutPending() || !page.view()->scene())
        REQUIRE(scene.wait(5000));
    return page.view()->scene()->tree->totalSamples();
}

// Runs `action` and waits for the read it starts to land (a read that is done at once may land inside it).
void shownAfter(FlamePage& page, const std::function<void()>& action) {
    QSignalSpy shown(&page, &FlamePage::profileShown);
    action();
    REQUIRE((!shown.isEmpty() || shown.wait(5000)));
}

} // namespace

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

    FlamePage page(file);
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
    FlamePage page(file);
    shownAfter(page, [&] { page.showRun(id, false); });
    CHECK(page.caption().contains(QStringLiteral("run without the profiler")));
}

TEST_CASE(
    "a range dragged on the dashboard is what the Flame page shows, and clearing it shows the whole run") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    const Profile slice = knowledgeServer();
    std::int64_t id = 0;
    {
        RunStore store(file);
        id = test::writeStoredRun(store, 30);
        for (int i = 0; i < 3; ++i)
            store.appendProfile(id, kRunStartMs + i * 10'000, kRunStartMs + (i + 1) * 10'000, "perf_event",
                                slice);
    }
    MainWindow window(GuiOptions{.db = file, .runId = id, .perflabExecutable = {}});
    FlamePage& page = *window.flamePage();
    QSignalSpy shown(&page, &FlamePage::profileShown);
    REQUIRE((!shown.isEmpty() || shown.wait(5000)));
    CHECK(paintedSamples(page) == 3 * slice.totalSamples());

    shownAfter(page,
               [&] { emit window.dashboard()->rangeSelected(kRunStartMs + 10'000, kRunStartMs + 20'000); });
    CHECK(page.caption().contains(QStringLiteral("0:10 to 0:20 of the run")));
    CHECK(paintedSamples(page) == slice.totalSamples());

    shownAfter(page, [&] { emit window.dashboard()->selectionCleared(); });
    CHECK(page.caption().contains(QStringLiteral("whole run")));
    CHECK(paintedSamples(page) == 3 * slice.totalSamples());
}

// The window's Flame page follows the dashboard: the range dragged on it, and the whole run again once the
// pick is cleared.
#include "app/gui/main_window.h"

#include "tests/model/store_fixture.h"
#include "tests/widgets/flame_page_fixture.h"
#include "tests/widgets/stored_run.h"
#include "widgets/dashboard/dashboard.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

using namespace perflab;
using namespace perflab::test;

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

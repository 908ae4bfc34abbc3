// A run outlives its window: a new window finds it in the store, follows its rows and can stop it.
#include "app/gui/main_window.h"

#include "app/gui/run_session.h"
#include "tests/app/gui/gui_wait.h"
#include "widgets/dashboard/dashboard.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

using namespace perflab;

TEST_CASE("a window opened while a run goes reattaches to it, sees new rows and stops it") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const GuiOptions options{.db = dir.filePath(QStringLiteral("runs.db")).toStdString(),
                             .runId = 0,
                             .perflabExecutable = PERFLAB_EXECUTABLE};
    Scenario s;
    s.name = "outlives its window";
    s.target.engine =
        EngineTarget{.engine = "knowledge", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.stages = {{std::chrono::milliseconds(500), 2}, {std::chrono::seconds(60), 2}};

    auto first = std::make_unique<MainWindow>(options);
    first->startRun(s);
    REQUIRE(test::waitUntil([&] { return !first->dashboard()->rows().empty(); }, 30'000));
    const std::int64_t runId = first->session()->runId();
    REQUIRE(runId != 0);
    first.reset(); // the window closes; the run process goes on

    const std::optional<RunInfo> live =
        RunSession::newestLiveRun(RunStore(options.db, RunStore::Mode::ReadOnly));
    REQUIRE(live);
    CHECK(live->id == runId);

    MainWindow second(options);
    CHECK(second.session()->runId() == 0); // opening happens on a worker
    REQUIRE(test::waitUntil([&] { return second.session()->runId() == runId; }, 10'000));
    REQUIRE(test::waitUntil([&] { return !second.dashboard()->rows().empty(); }, 10'000));
    const std::size_t history = second.dashboard()->rows().size();
    CHECK(second.session()->isActive());
    REQUIRE(test::waitUntil([&] { return second.dashboard()->rows().size() >= history + 2; }, 10'000));

    QSignalSpy finished(second.session(), &RunSession::runFinished);
    second.session()->stop();
    REQUIRE(finished.wait(20'000));
    const RunInfo run = finished.constLast().at(0).value<RunInfo>();
    CHECK(run.id == runId);
    CHECK(run.status != RunStatus::Running);
    CHECK(run.endedMs - run.startedMs < 55'000); // stopped well before its 60 s
    CHECK_FALSE(RunSession::newestLiveRun(RunStore(options.db, RunStore::Mode::ReadOnly)));
}

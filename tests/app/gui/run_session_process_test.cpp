// RunSession with the real `perflab run` process: the window starts a run, follows it live and stops it.
#include "app/gui/run_session.h"

#include "app/gui/store_service.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace perflab;

namespace {

Scenario shortLoad() {
    Scenario s;
    s.name = "session end to end";
    s.target.engine =
        EngineTarget{.engine = "analytics", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.stages = {{std::chrono::milliseconds(500), 2}, {std::chrono::seconds(30), 2}};
    return s;
}

} // namespace

TEST_CASE("a run started from the window streams its seconds live and Stop ends it gracefully") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    StoreService store(dir.filePath(QStringLiteral("runs.db")).toStdString());
    RunSession session(store);
    session.setPollInterval(std::chrono::milliseconds(100));
    QSignalSpy opened(&session, &RunSession::runOpened);
    QSignalSpy arrived(&session, &RunSession::intervalsArrived);
    QSignalSpy finished(&session, &RunSession::runFinished);
    QSignalSpy failed(&session, &RunSession::failed);

    session.start(QStringLiteral(PERFLAB_EXECUTABLE), shortLoad());
    REQUIRE(opened.wait(10'000));
    CHECK(opened.constLast().at(0).value<RunInfo>().name == "session end to end");
    REQUIRE(arrived.wait(5000));
    const auto rows = arrived.constLast().at(0).value<std::vector<IntervalRow>>();
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.back().counts.requests > 0);

    session.stop();
    REQUIRE(finished.wait(10'000));
    const RunInfo run = finished.constLast().at(0).value<RunInfo>();
    CHECK(run.status != RunStatus::Running);
    CHECK(run.endedMs - run.startedMs < 20'000); // stopped long before its 30 s
    CHECK_FALSE(session.isActive());
    const std::string problem =
        failed.isEmpty() ? std::string() : failed.constLast().at(0).toString().toStdString();
    CHECK(problem.empty());
}

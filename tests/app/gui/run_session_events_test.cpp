// RunSession delivers a run's events: all of them when it opens a run, then each new one once as the run
// records it, the last ones before the run's end.
#include "app/gui/run_session.h"

#include "app/gui/store_service.h"
#include "tests/widgets/judged_run.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace perflab;

namespace {

std::vector<RunEvent> delivered(const QSignalSpy& spy) {
    std::vector<RunEvent> all;
    for (const QList<QVariant>& call : spy)
        for (const RunEvent& e : call.at(0).value<std::vector<RunEvent>>())
            all.push_back(e);
    return all;
}

} // namespace

TEST_CASE("a followed run's events arrive once each, its stored ones on opening and new ones as recorded") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    RunStore store(db);
    const std::int64_t id = test::writeJudgedRun(store, 40, false);
    const std::size_t stored = store.events(id).size();
    REQUIRE(stored >= 4);

    StoreService service(db);
    RunSession session(service);
    session.setPollInterval(std::chrono::milliseconds(30));
    QSignalSpy events(&session, &RunSession::eventsArrived);
    QSignalSpy finished(&session, &RunSession::runFinished);
    session.open(id);
    REQUIRE(events.wait(5000));
    CHECK(delivered(events).size() == stored);

    store.append(id, test::syntheticInterval(40, 60));
    store.addEvent(id, {test::stampOf(40), EventKind::ScaleOut, "node 5 added"});
    store.flush();
    REQUIRE(events.wait(5000));
    CHECK(delivered(events).size() == stored + 1);
    CHECK(delivered(events).back().kind == EventKind::ScaleOut);

    store.addEvent(id, {test::stampOf(41), EventKind::Aborted, "stopped by request"});
    store.finishRun(id, RunStatus::Aborted, "{}", test::stampOf(41));
    REQUIRE(finished.wait(5000));
    const std::vector<RunEvent> all = delivered(events);
    REQUIRE(all.size() == stored + 2);
    CHECK(all.back().message == "stopped by request");
}

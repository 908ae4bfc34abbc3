// RunSession: opens stored runs off the UI thread, tails a running run's new rows and reports failures to
// start.
#include "app/gui/run_session.h"

#include "app/gui/store_service.h"
#include "model/store/sqlite_db.h"
#include "tests/widgets/stored_run.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace perflab;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    StoreService store{db};
    RunSession session{store};
    QSignalSpy opened{&session, &RunSession::runOpened};
    QSignalSpy arrived{&session, &RunSession::intervalsArrived};
    QSignalSpy finished{&session, &RunSession::runFinished};
    QSignalSpy failed{&session, &RunSession::failed};

    Fixture() { session.setPollInterval(std::chrono::milliseconds(30)); }
};

template <typename T> T argument(const QSignalSpy& spy, int index) {
    return spy.constLast().at(index).value<T>();
}

std::size_t arrivedRows(const QSignalSpy& spy) {
    std::size_t n = 0;
    for (const QList<QVariant>& call : spy)
        n += call.at(0).value<std::vector<IntervalRow>>().size();
    return n;
}

} // namespace

TEST_CASE("opening a stored run delivers its whole history and does not poll a finished run") {
    Fixture f;
    const std::int64_t id = test::writeStoredRun(f.db, 30);
    f.session.open(id);
    REQUIRE(f.opened.wait(5000));
    CHECK(argument<RunInfo>(f.opened, 0).status == RunStatus::Passed);
    CHECK(argument<std::vector<IntervalRow>>(f.opened, 1).size() == 30);
    CHECK(f.session.runId() == id);
    CHECK_FALSE(f.session.isActive());
    CHECK(f.failed.isEmpty());
}

TEST_CASE("a running run is followed: new seconds arrive once each and its end is reported") {
    Fixture f;
    RunStore store(f.db);
    const std::int64_t id = test::writeStoredRun(store, 10, RunStatus::Running);
    f.session.open(id);
    REQUIRE(f.opened.wait(5000));
    CHECK(argument<std::vector<IntervalRow>>(f.opened, 1).size() == 10);
    CHECK(f.session.isActive());

    for (int i = 10; i < 15; ++i)
        store.append(id, test::syntheticInterval(i, 30));
    store.flush();
    store.finishRun(id, RunStatus::Failed, "{}");
    REQUIRE(f.finished.wait(5000));
    CHECK(arrivedRows(f.arrived) == 5);
    CHECK(argument<std::vector<IntervalRow>>(f.arrived, 0).back().startMs == test::kRunStartMs + 14'000);
    CHECK(argument<RunInfo>(f.finished, 0).status == RunStatus::Failed);
    CHECK_FALSE(f.session.isActive());
}

TEST_CASE("a read that fails while a run is followed is reported once, and the following goes on") {
    Fixture f;
    RunStore store(f.db);
    const std::int64_t id = test::writeStoredRun(store, 3, RunStatus::Running);
    f.session.open(id);
    REQUIRE(f.opened.wait(5000));

    SqliteDb other(f.db, SQLITE_OPEN_READWRITE);
    other.exec("ALTER TABLE events RENAME TO events_away"); // every poll's read of the events fails
    REQUIRE(f.failed.wait(5000));
    QTest::qWait(300); // about ten more polls
    CHECK(f.failed.size() == 1);
    CHECK(f.failed.constLast().at(0).toString().contains(QStringLiteral("keeps trying")));
    CHECK(f.session.isActive());

    other.exec("ALTER TABLE events_away RENAME TO events");
    for (int i = 3; i < 6; ++i)
        store.append(id, test::syntheticInterval(i, 30));
    store.flush();
    store.finishRun(id, RunStatus::Passed, "{}");
    REQUIRE(f.finished.wait(5000));
    CHECK(arrivedRows(f.arrived) == 3);
    CHECK(f.failed.size() == 1);
}

TEST_CASE("opening a run the store does not hold says which run is missing") {
    Fixture f;
    {
        RunStore store(f.db);
        test::writeStoredRun(store, 2);
    }
    f.session.open(42);
    REQUIRE(f.failed.wait(5000));
    CHECK(argument<QString>(f.failed, 0).contains(QStringLiteral("no run 42")));
    CHECK(f.opened.isEmpty());
}

TEST_CASE("a run program that cannot be started is reported with the reason") {
    Fixture f;
    f.session.start(QStringLiteral("/nonexistent/perflab"), test::syntheticScenario(5));
    REQUIRE(f.failed.size() == 1);
    CHECK(argument<QString>(f.failed, 0).contains(QStringLiteral("/nonexistent/perflab")));
    CHECK_FALSE(f.session.isActive());
}

TEST_CASE("a run process that exits before registering a run is reported with its error output") {
    Fixture f;
    // sh takes "run" as a script to read, fails to find it and exits: a stand-in for a bad scenario.
    f.session.start(QStringLiteral("/bin/sh"), test::syntheticScenario(5));
    CHECK(f.session.isActive());
    REQUIRE(f.failed.wait(5000));
    const QString message = argument<QString>(f.failed, 0);
    CHECK(message.contains(QStringLiteral("ended before it registered a run")));
    CHECK(message.contains(QStringLiteral("run")));
    CHECK(message.contains(QStringLiteral("sh")));
    CHECK_FALSE(f.session.isActive());
}

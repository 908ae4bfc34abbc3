// The store service the window's pages ask: the history and its changes reach the store in the order asked,
// a refused change says why, a newer read of a run drops the older one's answer, and app code reads through
// its connections on a tracker of its own.
#include "app/gui/store_service.h"

#include "tests/widgets/history_fixture.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <optional>

using namespace perflab;

namespace {

std::vector<RunHistoryEntry> lastHistory(const QSignalSpy& spy) {
    return spy.constLast().at(0).value<std::vector<RunHistoryEntry>>();
}

const RunHistoryEntry& entryOf(const std::vector<RunHistoryEntry>& runs, std::int64_t runId) {
    const auto it = std::find_if(runs.begin(), runs.end(), [&](const auto& e) { return e.run.id == runId; });
    REQUIRE(it != runs.end());
    return *it;
}

} // namespace

TEST_CASE("the store service answers each history request in order, after the change it carries") {
    test::HistoryStore fixture;
    StoreService service(fixture.path);
    QSignalSpy read(&service, &StoreService::historyRead);
    QSignalSpy refused(&service, &StoreService::changeRefused);
    service.readHistory();
    service.renameRun(fixture.faster, "knowledge with the result cache");
    service.markBaseline(fixture.faster);
    service.deleteRun(fixture.slower);
    service.deleteRun(fixture.running);
    CHECK(read.isEmpty()); // answers are posted, never sent inside the call
    REQUIRE(QTest::qWaitFor([&] { return read.size() == 5; }, 10'000));

    CHECK(lastHistory(read).size() == 4);
    CHECK(read.at(0).at(0).value<std::vector<RunHistoryEntry>>().size() == 5);
    CHECK(entryOf(read.at(1).at(0).value<std::vector<RunHistoryEntry>>(), fixture.faster).run.name ==
          "knowledge with the result cache");
    CHECK(entryOf(lastHistory(read), fixture.faster).run.baseline);
    CHECK(fixture.writer->run(fixture.faster)->name == "knowledge with the result cache");
    CHECK(fixture.writer->baselineRun() == fixture.faster);
    CHECK_FALSE(fixture.writer->run(fixture.slower));
    REQUIRE(refused.size() == 1);
    CHECK(refused.front().front().toString().contains("is still running: stop it before deleting it"));
    CHECK(fixture.writer->run(fixture.running));
}

TEST_CASE("a newer read of a run drops the answer to an older one still under way") {
    test::HistoryStore fixture;
    StoreService service(fixture.path);
    QSignalSpy compared(&service, &StoreService::comparisonRead);
    service.readComparison(fixture.baseline, fixture.slower);
    service.readComparison(fixture.baseline, fixture.faster);
    REQUIRE(compared.wait(10'000));
    QTest::qWait(100); // the older answer would have landed by now
    REQUIRE(compared.size() == 1);
    const auto candidate = compared.front().at(1).value<std::shared_ptr<const RunReport>>();
    CHECK(candidate->run.id == fixture.faster);
    CHECK(candidate->summary.counts.requests == 150'000);

    QSignalSpy failed(&service, &StoreService::comparisonFailed);
    service.readComparison(fixture.baseline, 4242);
    REQUIRE(failed.wait(10'000));
    CHECK(failed.front().front().toString().contains("4242"));
}

TEST_CASE("app code reads through the service off the GUI thread, answered on it") {
    test::HistoryStore fixture;
    StoreService service(fixture.path);
    QObject owner;
    JobTracker tracker(&owner);
    QThread* readOn = nullptr;
    std::optional<RunInfo> answer;
    QString failure;
    service.read(
        tracker,
        [&](const RunStore& store) {
            readOn = QThread::currentThread();
            return store.run(fixture.similar);
        },
        [&](const std::optional<RunInfo>& run) { answer = run; }, [&](const QString& m) { failure = m; });
    REQUIRE(QTest::qWaitFor([&] { return !tracker.isBusy(); }, 10'000));
    REQUIRE(answer);
    CHECK(answer->name == "knowledge rerun");
    CHECK(readOn != QThread::currentThread());
    CHECK(failure.isEmpty());

    StoreService missing(fixture.path.parent_path() / "no such store.db");
    missing.read(
        tracker, [](const RunStore& store) { return store.runs().size(); }, [](std::size_t) {},
        [&](const QString& m) { failure = m; });
    REQUIRE(QTest::qWaitFor([&] { return !tracker.isBusy(); }, 10'000));
    CHECK(failure.contains("no such store.db"));
}

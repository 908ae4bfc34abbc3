// RunHistoryModel without a window: the runs of a store with their figures and verdicts, read off the UI
// thread; rename, delete and baseline changes reach the store.
#include "tests/widgets/history_fixture.h"
#include "widgets/history/run_history_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

using namespace perflab;

namespace {

QString cell(const RunHistoryModel& model, std::int64_t runId, int column) {
    const auto row = model.rowOf(runId);
    REQUIRE(row);
    return model.index(*row, column).data().toString();
}

void refreshed(RunHistoryModel& model) {
    QSignalSpy spy(&model, &RunHistoryModel::refreshed);
    model.refresh();
    REQUIRE(spy.wait(10'000));
}

bool settled(RunHistoryModel& model) {
    return QTest::qWaitFor([&] { return !model.isBusy(); }, 10'000);
}

} // namespace

TEST_CASE("the history model lists every run with its figures and its verdict against the baseline") {
    test::HistoryStore store;
    RunHistoryModel model(store.requests);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    refreshed(model);
    REQUIRE(model.rowCount() == 5);
    CHECK(model.columnCount() == RunHistoryModel::kColumnCount);
    CHECK(model.headerData(RunHistoryModel::P95, Qt::Horizontal).toString() == "p95 ms");
    CHECK(cell(model, store.faster, RunHistoryModel::Name) == "knowledge optimized");
    CHECK(cell(model, store.faster, RunHistoryModel::Target) == "knowledge/optimized/http");
    CHECK(cell(model, store.faster, RunHistoryModel::Requests) == "150,000");
    CHECK(cell(model, store.faster, RunHistoryModel::Duration) == "30.0 s");
    CHECK(cell(model, store.slower, RunHistoryModel::Status) == "failed");
    CHECK(cell(model, store.faster, RunHistoryModel::Verdict) == "improved");
    CHECK(cell(model, store.slower, RunHistoryModel::Verdict) == "regression");
    CHECK(cell(model, store.similar, RunHistoryModel::Verdict) == "no change");
    CHECK(cell(model, store.running, RunHistoryModel::Verdict).isEmpty());
    CHECK(cell(model, store.baseline, RunHistoryModel::Baseline) == "★ baseline");
    CHECK(cell(model, store.faster, RunHistoryModel::Baseline).isEmpty());
    CHECK(model.baselineRun() == store.baseline);
    const double fastP95 = cell(model, store.faster, RunHistoryModel::P95).toDouble();
    const double slowP95 = cell(model, store.slower, RunHistoryModel::P95).toDouble();
    CHECK(fastP95 > 1);
    CHECK(slowP95 == Approx(fastP95 * 2.6).epsilon(0.02));
}

TEST_CASE("renaming a run through the model renames it in the store, and an empty name is refused") {
    test::HistoryStore store;
    RunHistoryModel model(store.requests);
    refreshed(model);
    const QModelIndex name = model.index(*model.rowOf(store.faster), RunHistoryModel::Name);
    CHECK(model.flags(name) & Qt::ItemIsEditable);
    CHECK_FALSE(model.flags(model.index(0, RunHistoryModel::Status)) & Qt::ItemIsEditable);
    REQUIRE(model.setData(name, QStringLiteral("  knowledge with the result cache ")));
    CHECK(name.data().toString() == "knowledge with the result cache");
    REQUIRE(settled(model));
    CHECK(store.writer->run(store.faster)->name == "knowledge with the result cache");
    CHECK(cell(model, store.faster, RunHistoryModel::Name) == "knowledge with the result cache");

    QSignalSpy failed(&model, &RunHistoryModel::failed);
    CHECK_FALSE(
        model.setData(model.index(*model.rowOf(store.faster), RunHistoryModel::Name), QStringLiteral(" ")));
    REQUIRE(failed.size() == 1);
    CHECK(failed.front().front().toString().contains("cannot be empty"));
    CHECK(store.writer->run(store.faster)->name == "knowledge with the result cache");
}

TEST_CASE(
    "deleting a running run through the model is refused with the store's reason, a finished one goes") {
    test::HistoryStore store;
    RunHistoryModel model(store.requests);
    refreshed(model);
    QSignalSpy failed(&model, &RunHistoryModel::failed);
    model.deleteRun(store.running);
    REQUIRE(settled(model));
    REQUIRE(failed.size() == 1);
    CHECK(failed.front().front().toString().contains("is still running: stop it before deleting it"));
    CHECK(model.rowOf(store.running));
    CHECK(store.writer->run(store.running));

    model.deleteRun(store.slower);
    REQUIRE(settled(model));
    CHECK(failed.size() == 1);
    CHECK_FALSE(model.rowOf(store.slower));
    CHECK(model.rowCount() == 4);
    CHECK_FALSE(store.writer->run(store.slower));
}

TEST_CASE("marking another baseline moves the mark and judges every run against the new one") {
    test::HistoryStore store;
    RunHistoryModel model(store.requests);
    refreshed(model);
    model.markBaseline(store.faster);
    REQUIRE(settled(model));
    CHECK(model.baselineRun() == store.faster);
    CHECK(store.writer->baselineRun() == store.faster);
    CHECK(cell(model, store.faster, RunHistoryModel::Baseline) == "★ baseline");
    CHECK(cell(model, store.baseline, RunHistoryModel::Baseline).isEmpty());
    CHECK(cell(model, store.baseline, RunHistoryModel::Verdict) == "regression");
    CHECK(cell(model, store.faster, RunHistoryModel::Verdict).isEmpty());
}

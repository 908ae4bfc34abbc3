// The Compare page on two stored runs: the figures, the verdict at the tolerance typed into its spin box,
// and both runs' percentile spectra on the HDR plot.
#include "model/store/run_history.h"
#include "tests/widgets/history_fixture.h"
#include "widgets/charts/xy_chart.h"
#include "widgets/history/compare_page.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <catch2/catch.hpp>

using namespace perflab;

namespace {

struct ShownPage {
    test::HistoryStore store;
    ComparePage page{store.requests};

    ShownPage() {
        page.resize(1400, 800);
        page.show();
        REQUIRE(QTest::qWaitForWindowExposed(&page));
    }

    void showRuns() {
        QSignalSpy shown(&page, &ComparePage::comparisonShown);
        page.setRuns(loadRunHistory(*store.writer));
        REQUIRE(shown.wait(10'000));
    }

    // The figure table's row for a figure: its baseline, candidate, change and label cells.
    QStringList figureRow(const QString& name) const {
        QTableWidget* table = page.figureTable();
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0)->text() == name)
                return {table->item(row, 1)->text(), table->item(row, 2)->text(), table->item(row, 3)->text(),
                        table->item(row, 4)->text()};
        FAIL("no figure " << name.toStdString());
        return {};
    }

    void pickCandidate(std::int64_t runId) {
        QSignalSpy shown(&page, &ComparePage::comparisonShown);
        QComboBox* box = page.candidateBox();
        const int target = box->findData(QVariant::fromValue<qlonglong>(runId));
        REQUIRE(target >= 0);
        box->setFocus();
        while (box->currentIndex() != target) // the keyboard walks the list as a user would
            QTest::keyClick(box, box->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
        REQUIRE(shown.wait(10'000));
    }
};

double maxY(const QList<QPointF>& points) {
    double y = 0;
    for (const QPointF& p : points)
        y = std::max(y, p.y());
    return y;
}

} // namespace

TEST_CASE("the compare page defaults to the marked baseline and shows the figures and verdict of two runs") {
    ShownPage p;
    p.showRuns();
    CHECK(p.page.baselineBox()->currentData().toLongLong() == p.store.baseline);
    CHECK(p.page.baselineBox()->currentText().startsWith(QStringLiteral("★ #%1").arg(p.store.baseline)));
    CHECK(p.page.candidateBox()->currentData().toLongLong() == p.store.running); // the newest other run

    p.pickCandidate(p.store.faster);
    CHECK(p.page.verdictText() == "IMPROVED");
    REQUIRE(p.page.comparison());
    CHECK(p.page.comparison()->throughputRatio == Approx(5));
    CHECK(p.figureRow("throughput req/s") == QStringList{"1,000.0", "5,000.0", "+400.0 %", "better"});
    const QStringList p95 = p.figureRow("p95 latency ms");
    CHECK(p95[2] == "-50.0 %");
    CHECK(p95[3] == "better");
    CHECK(p.figureRow("error rate")[0] == "0.000 %");
    CHECK(p.figureRow("peak CPU %")[3] == "within (not judged)");
    CHECK(p.page.runTable()->item(7, 2)->text() == "150,000"); // requests of the candidate

    const auto baseline = p.page.spectra()->drawnPoints("baseline");
    const auto candidate = p.page.spectra()->drawnPoints("candidate");
    REQUIRE(baseline.size() > 10);
    REQUIRE(candidate.size() > 10);
    CHECK(maxY(candidate) == Approx(maxY(baseline) / 2).epsilon(0.02));
    CHECK(baseline.back().x() > 3); // the percentile axis reaches beyond 99.9 %

    p.pickCandidate(p.store.slower);
    CHECK(p.page.verdictText() == "REGRESSION");
    CHECK(p.figureRow("p95 latency ms")[3] == "worse");
}

TEST_CASE("typing a tighter tolerance turns a 1 % difference from no change into a regression") {
    ShownPage p;
    p.showRuns();
    p.pickCandidate(p.store.similar);
    CHECK(p.page.verdictText() == "NO CHANGE");
    CHECK(p.page.comparison()->tolerancePercent == 5);

    QSignalSpy shown(&p.page, &ComparePage::comparisonShown);
    QDoubleSpinBox* tolerance = p.page.toleranceBox();
    tolerance->setFocus();
    tolerance->selectAll();
    QTest::keyClicks(tolerance, "0.5");
    QTest::keyClick(tolerance, Qt::Key_Return);
    REQUIRE(QTest::qWaitFor([&] { return p.page.comparison()->tolerancePercent == 0.5; }, 5000));
    CHECK(p.page.verdictText() == "REGRESSION");
    CHECK(p.figureRow("p95 latency ms")[3] == "worse");
    CHECK(shown.size() >= 1);
}

TEST_CASE("a run deleted since the list was read is reported instead of compared") {
    ShownPage p;
    p.showRuns();
    p.store.writer->deleteRun(p.store.faster);
    QComboBox* box = p.page.candidateBox();
    box->setCurrentIndex(box->findData(QVariant::fromValue<qlonglong>(p.store.faster)));
    REQUIRE(QTest::qWaitFor([&] { return p.page.verdictText() == "No comparison"; }, 10'000));
    CHECK_FALSE(p.page.comparison());
    CHECK(p.page.figureTable()->rowCount() == 0);
    CHECK(p.page.spectra()->drawnPoints("candidate").isEmpty());
}

TEST_CASE("a run of another kind and engine is not comparable with the baseline, in History and on Compare") {
    ShownPage p;
    test::RunShape other;
    other.name = "integration outage";
    other.kind = TestKind::DependencyFailure;
    other.engine = "integration";
    other.requestsPerSecond = 9000; // far "better" figures must not make it an improvement
    const std::int64_t id = test::writeShapedRun(*p.store.writer, other);
    const auto history = loadRunHistory(*p.store.writer);
    const auto entry =
        std::find_if(history.begin(), history.end(), [&](const auto& e) { return e.run.id == id; });
    REQUIRE(entry != history.end());
    CHECK(entry->verdict == ComparisonVerdict::NotComparable);

    p.showRuns();
    REQUIRE(p.page.candidateBox()->currentData().toLongLong() == id); // the newest run
    CHECK(p.page.verdictText() == "NOT COMPARABLE");
    CHECK(p.page.comparison()->whyNotComparable == "a dependency-failure test against a load baseline");
}

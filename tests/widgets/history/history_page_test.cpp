// The History page driven by QTest events: sort by a column header, filter as the user types (Esc clears
// it), rename with F2, Delete refused for a running run and confirmed for a finished one, mark as baseline,
// open with Enter.
#include "tests/widgets/history_fixture.h"
#include "widgets/history/history_page.h"
#include "widgets/history/run_history_filter.h"
#include "widgets/history/run_history_model.h"

#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <catch2/catch.hpp>

using namespace perflab;

namespace {

struct ShownPage {
    test::HistoryStore store;
    HistoryPage page{store.requests};

    ShownPage() {
        page.resize(1400, 700);
        page.show(); // showing it reads the store
        REQUIRE(QTest::qWaitForWindowExposed(&page));
        REQUIRE(QTest::qWaitFor([&] { return page.model()->rowCount() == 5 && !page.model()->isBusy(); },
                                10'000));
    }

    std::vector<QString> column(int c) const {
        std::vector<QString> values;
        for (int row = 0; row < page.filter()->rowCount(); ++row)
            values.push_back(page.filter()->index(row, c).data().toString());
        return values;
    }

    void clickHeader(int c) {
        QHeaderView* header = page.table()->horizontalHeader();
        const QPoint at(header->sectionViewportPosition(c) + header->sectionSize(c) / 2,
                        header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    }

    QPushButton* button(const QString& text) const {
        for (QPushButton* b : page.findChildren<QPushButton*>())
            if (b->text() == text)
                return b;
        FAIL("no button " << text.toStdString());
        return nullptr;
    }

    bool settled() {
        return QTest::qWaitFor([&] { return !page.model()->isBusy(); }, 10'000);
    }
};

std::vector<double> numbers(const std::vector<QString>& texts) {
    std::vector<double> values;
    for (const QString& t : texts)
        values.push_back(QString(t).remove(QLatin1Char(',')).toDouble());
    return values;
}

} // namespace

TEST_CASE("clicking a column header sorts the runs by its values, clicking again reverses them") {
    ShownPage p;
    p.clickHeader(RunHistoryModel::P95);
    const auto first = numbers(p.column(RunHistoryModel::P95));
    const bool ascending = p.page.table()->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder;
    CHECK(std::is_sorted(first.begin(), first.end(),
                         [&](double a, double b) { return ascending ? a < b : a > b; }));
    CHECK(first.front() != first.back());
    p.clickHeader(RunHistoryModel::P95);
    const auto second = numbers(p.column(RunHistoryModel::P95));
    CHECK(std::vector(second.rbegin(), second.rend()) == first);

    p.clickHeader(RunHistoryModel::Requests); // numbers with thousands separators sort as numbers
    auto requests = numbers(p.column(RunHistoryModel::Requests));
    if (p.page.table()->horizontalHeader()->sortIndicatorOrder() == Qt::DescendingOrder)
        std::reverse(requests.begin(), requests.end());
    CHECK(std::is_sorted(requests.begin(), requests.end()));
    CHECK(requests.back() == 150'000);
}

TEST_CASE("typing in the filter field keeps the runs whose name, kind or status hold every word") {
    ShownPage p;
    QTest::keyClicks(p.page.filterField(), "slower");
    CHECK(p.column(RunHistoryModel::Name) == std::vector<QString>{"knowledge slower build"});
    p.page.filterField()->clear();
    QTest::keyClicks(p.page.filterField(), "KNOWLEDGE passed");
    CHECK(p.page.filter()->rowCount() == 3);
    p.page.filterField()->clear();
    QTest::keyClicks(p.page.filterField(), "running");
    CHECK(p.column(RunHistoryModel::Name) == std::vector<QString>{"knowledge soak"});
    p.page.filterField()->clear();
    QTest::keyClicks(p.page.filterField(), "load");
    CHECK(p.page.filter()->rowCount() == 5);
    QTest::keyClicks(p.page.filterField(), " stress");
    CHECK(p.page.filter()->rowCount() == 0);
}

TEST_CASE("Esc in the filter field clears the filter and shows every run again") {
    ShownPage p;
    p.page.filterField()->setFocus();
    QTest::keyClicks(p.page.filterField(), "slower");
    REQUIRE(p.page.filter()->rowCount() == 1);
    QTest::keyClick(p.page.filterField(), Qt::Key_Escape);
    CHECK(p.page.filterField()->text().isEmpty());
    CHECK(p.page.filter()->rowCount() == 5);
}

TEST_CASE("F2 on a run edits its name, and Enter stores the new name") {
    ShownPage p;
    p.page.selectRun(p.store.similar);
    p.page.table()->setFocus();
    QTest::keyClick(p.page.table(), Qt::Key_F2);
    auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    REQUIRE(editor);
    editor->selectAll();
    QTest::keyClicks(editor, "knowledge rerun on the new kernel");
    QTest::keyClick(editor, Qt::Key_Return); // the delegate commits on the next turn of the event loop
    const auto shownName = [&] {
        return p.page.model()->entry(*p.page.model()->rowOf(p.store.similar)).run.name;
    };
    REQUIRE(QTest::qWaitFor([&] { return shownName() == "knowledge rerun on the new kernel"; }, 5000));
    REQUIRE(p.settled());
    CHECK(p.store.writer->run(p.store.similar)->name == "knowledge rerun on the new kernel");
    CHECK(p.page.selectedRun() == p.store.similar);
}

TEST_CASE("the Delete key on a running run is refused with a message saying to stop it first") {
    ShownPage p;
    p.page.selectRun(p.store.running);
    p.page.table()->setFocus();
    QTest::keyClick(p.page.table(), Qt::Key_Delete);
    REQUIRE(QTest::qWaitFor([&] { return !p.page.notice().isEmpty(); }, 10'000));
    CHECK(p.page.notice().contains("is still running: stop it before deleting it"));
    CHECK(p.page.findChildren<QMessageBox*>().isEmpty()); // nothing to confirm
    CHECK(p.page.model()->rowCount() == 5);
    CHECK(p.store.writer->run(p.store.running));
}

TEST_CASE("deleting a finished run asks first, and Yes removes it from the table and the store") {
    ShownPage p;
    p.page.selectRun(p.store.slower);
    QTest::mouseClick(p.button("Delete"), Qt::LeftButton);
    QMessageBox* box = nullptr;
    REQUIRE(QTest::qWaitFor([&] { return (box = p.page.findChild<QMessageBox*>()) != nullptr; }, 5000));
    CHECK(box->text().contains("knowledge slower build"));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return p.page.model()->rowCount() == 4; }, 10'000));
    CHECK_FALSE(p.store.writer->run(p.store.slower));
    CHECK(p.page.notice().isEmpty());
}

TEST_CASE("Mark as baseline moves the star to the selected run and the verdicts follow") {
    ShownPage p;
    p.page.selectRun(p.store.faster);
    QPushButton* mark = p.button("Mark as baseline");
    REQUIRE(mark->isEnabled());
    QTest::mouseClick(mark, Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return p.page.model()->baselineRun() == p.store.faster; }, 10'000));
    REQUIRE(p.settled());
    const auto row = p.page.model()->rowOf(p.store.faster);
    CHECK(p.page.model()->index(*row, RunHistoryModel::Baseline).data().toString() == "★ baseline");
    CHECK(p.store.writer->baselineRun() == p.store.faster);
    CHECK(p.page.selectedRun() == p.store.faster); // the selection survives the refresh
    CHECK_FALSE(mark->isEnabled());
}

TEST_CASE("Enter opens the selected run and Compare with baseline asks for baseline and candidate") {
    ShownPage p;
    QSignalSpy open(&p.page, &HistoryPage::openRequested);
    QSignalSpy compare(&p.page, &HistoryPage::compareRequested);
    p.page.selectRun(p.store.faster);
    p.page.table()->setFocus();
    QTest::keyClick(p.page.table(), Qt::Key_Return);
    REQUIRE(open.size() == 1);
    CHECK(open.front().front().value<std::int64_t>() == p.store.faster);
    QTest::mouseClick(p.button("Compare with baseline"), Qt::LeftButton);
    REQUIRE(compare.size() == 1);
    CHECK(compare.front().at(0).value<std::int64_t>() == p.store.baseline);
    CHECK(compare.front().at(1).value<std::int64_t>() == p.store.faster);
}

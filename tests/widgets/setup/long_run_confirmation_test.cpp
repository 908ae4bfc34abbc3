// Before a soak or a run over an hour, Run asks first, stating how long it runs and when it ends.
#include "widgets/setup/control_panel.h"
#include "widgets/setup/long_run_confirmation.h"

#include "tests/widgets/hosted_engines.h"

#include <catch2/catch.hpp>

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace perflab;

namespace {

Scenario soak(Millis length) {
    Scenario s;
    s.name = "soak";
    s.kind = TestKind::Soak;
    s.target.engine =
        EngineTarget{.engine = "knowledge", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.stages = {{std::chrono::minutes(5), 50}, {length - std::chrono::minutes(5), 50}};
    return s;
}

} // namespace

TEST_CASE("the confirmation states the run's length and its end date and time") {
    const QDateTime start(QDate(2026, 11, 29), QTime(9, 35));
    const QString text = longRunConfirmationText(soak(std::chrono::hours(72)), start);
    const QLocale locale;
    CHECK(text.contains(QStringLiteral("runs for 72 h")));
    CHECK(text.contains(locale.toString(QDate(2026, 12, 2), QLocale::LongFormat)));
    CHECK(text.contains(locale.toString(QTime(9, 35), QLocale::ShortFormat)));
    CHECK(durationText(std::chrono::minutes(90) + std::chrono::seconds(5)) ==
          QStringLiteral("1 h 30 min 5 s"));
}

TEST_CASE("only soaks and runs over an hour ask first") {
    CHECK(needsLongRunConfirmation(soak(std::chrono::minutes(20))));
    Scenario longLoad = soak(std::chrono::minutes(61));
    longLoad.kind = TestKind::Load;
    CHECK(needsLongRunConfirmation(longLoad));
    Scenario shortLoad = soak(std::chrono::minutes(60));
    shortLoad.kind = TestKind::Load;
    CHECK_FALSE(needsLongRunConfirmation(shortLoad));
}

TEST_CASE("Run on a soak starts it only after the user confirms") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    panel.setScenario(soak(std::chrono::hours(24)));
    int requested = 0;
    QObject::connect(&panel, &ControlPanel::runRequested, [&] { ++requested; });

    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    QMessageBox* ask = panel.confirmation();
    REQUIRE(ask);
    CHECK(ask->text().contains(QStringLiteral("runs for 24 h")));
    const QString tomorrow = QLocale().toString(QDate::currentDate().addDays(1), QLocale::LongFormat);
    CHECK(ask->text().contains(tomorrow)); // 24 h from now
    QTest::mouseClick(ask->button(QMessageBox::Cancel), Qt::LeftButton);
    QCoreApplication::processEvents();
    CHECK(requested == 0);
    CHECK(panel.confirmation() == nullptr);

    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    ask = panel.confirmation();
    REQUIRE(ask);
    QPushButton* start = nullptr;
    for (QAbstractButton* button : ask->buttons())
        if (ask->buttonRole(button) == QMessageBox::AcceptRole)
            start = qobject_cast<QPushButton*>(button);
    REQUIRE(start);
    CHECK(start->text() == QStringLiteral("Start soak"));
    QTest::mouseClick(start, Qt::LeftButton);
    QCoreApplication::processEvents();
    CHECK(requested == 1);
}

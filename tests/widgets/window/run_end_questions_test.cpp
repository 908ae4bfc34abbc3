// The questions before Stop or Abort ends a long run and before the window closes during one: when they are
// asked, what they say, and that their safe answer is the default.
#include "widgets/window/run_end_questions.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>

#include <memory>

using namespace perflab;

namespace {

RunInfo soak() {
    RunInfo run;
    run.id = 12;
    run.name = "knowledge overnight soak";
    run.kind = TestKind::Soak;
    return run;
}

QString acceptText(const QMessageBox& box) {
    for (QAbstractButton* button : box.buttons())
        if (box.buttonRole(button) == QMessageBox::AcceptRole)
            return button->text();
    return {};
}

} // namespace

TEST_CASE("Stop and Abort ask only for a run started more than two minutes ago") {
    CHECK_FALSE(needsEndConfirmation(std::chrono::seconds(30)));
    CHECK_FALSE(needsEndConfirmation(std::chrono::minutes(2)));
    CHECK(needsEndConfirmation(std::chrono::minutes(2) + std::chrono::seconds(1)));
    CHECK(needsEndConfirmation(std::chrono::hours(70)));
}

TEST_CASE("the question before Stop says how long the run has gone, that it is judged and kept as stopped") {
    const std::unique_ptr<QMessageBox> box(makeEndConfirmation(
        RunEnding::Stop, soak(), std::chrono::hours(3) + std::chrono::minutes(12), nullptr));
    const QString text = box->text();
    CHECK(text.contains(
        QStringLiteral("\u201cknowledge overnight soak\u201d (run 12) started 3 h 12 min ago")));
    CHECK(text.contains(QStringLiteral("those in flight finish")));
    CHECK(text.contains(QStringLiteral("SLOs are judged over the time it ran")));
    CHECK(text.contains(QStringLiteral("stored as stopped")));
    CHECK(text.contains(QStringLiteral("perflab run --resume 12")));
    CHECK(acceptText(*box) == QStringLiteral("Stop the run"));
    REQUIRE(box->defaultButton());
    CHECK(box->defaultButton()->text() == QStringLiteral("Keep running"));
    CHECK(box->escapeButton() == static_cast<QAbstractButton*>(box->defaultButton()));
}

TEST_CASE("the question before Abort says requests in flight are dropped and the run is kept as aborted") {
    const std::unique_ptr<QMessageBox> box(
        makeEndConfirmation(RunEnding::Abort, soak(), std::chrono::minutes(5), nullptr));
    CHECK(box->windowTitle() == QStringLiteral("Abort the run?"));
    CHECK(box->text().contains(QStringLiteral("started 5 min ago")));
    CHECK(box->text().contains(QStringLiteral("requests in flight are dropped")));
    CHECK(box->text().contains(QStringLiteral("stored as aborted")));
    CHECK(acceptText(*box) == QStringLiteral("Abort the run"));
    CHECK(box->defaultButton()->text() == QStringLiteral("Keep running"));
}

TEST_CASE("closing during a run says it goes on and how to come back to it") {
    const std::unique_ptr<QMessageBox> box(makeCloseDuringRunNotice(
        soak(), QStringLiteral("/home/me/.local/share/perflab/perflab.db"), nullptr));
    const QString text = box->text();
    CHECK(text.contains(QStringLiteral("(run 12) goes on after this window closes")));
    CHECK(text.contains(QStringLiteral("/home/me/.local/share/perflab/perflab.db")));
    CHECK(text.contains(QStringLiteral("open Perflab again")));
    CHECK(text.contains(QStringLiteral("History lists it as running")));
    CHECK(acceptText(*box) == QStringLiteral("Close the window"));
    CHECK(box->defaultButton()->text() == QStringLiteral("Keep the window open"));
    const std::unique_ptr<QMessageBox> starting(
        makeCloseDuringRunNotice(std::nullopt, QStringLiteral("x.db"), nullptr));
    CHECK(starting->text().startsWith(QStringLiteral("The run just started goes on")));
}

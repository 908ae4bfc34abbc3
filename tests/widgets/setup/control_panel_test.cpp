// ControlPanel: the form is judged by the scenario parser as the user types; errors sit beside their field.
#include "widgets/setup/control_panel.h"

#include "widgets/charts/xy_chart.h"
#include "widgets/setup/editable_table.h"
#include "widgets/setup/field_errors.h"
#include "widgets/setup/slo_editor.h"
#include "widgets/setup/workload_editor.h"

#include "tests/widgets/hosted_engines.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace perflab;

namespace {

// The visible error labels of the panel (each sits in the same cell as its field).
QList<QLabel*> shownErrors(const ControlPanel& panel) {
    QList<QLabel*> shown;
    for (QLabel* label : panel.findChildren<QLabel*>(QStringLiteral("fieldError")))
        if (label->isVisibleTo(const_cast<ControlPanel*>(&panel)))
            shown << label;
    return shown;
}

void retype(QLineEdit* field, const QString& text) {
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

void editCell(QTableWidget* table, int row, int column, const QString& text) {
    table->setCurrentCell(row, column);
    QTest::keyClick(table, Qt::Key_F2); // the platform's edit key opens the cell's editor
    auto* editor = qobject_cast<QLineEdit*>(table->indexWidget(table->model()->index(row, column)));
    REQUIRE(editor);
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits the edit from a queued call
}

} // namespace

TEST_CASE("the default form is a valid scenario the CLI accepts") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    INFO(panel.problem().toStdString());
    REQUIRE(panel.isValid());
    CHECK(panel.problem().isEmpty());
    CHECK(shownErrors(panel).isEmpty());
    CHECK(panel.runButton()->isEnabled());
    const Scenario back = parseScenario(toJson(*panel.scenario()), "round trip");
    CHECK(toJson(back) == toJson(*panel.scenario()));
}

TEST_CASE("typing an invalid SLO shows the parser's error beside that field and disables Run") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    QLineEdit* p95 = panel.sloEditor()->findChildren<QLineEdit*>().at(0);
    retype(p95, QStringLiteral("-5"));

    CHECK_FALSE(panel.isValid());
    CHECK_FALSE(panel.runButton()->isEnabled());
    CHECK(panel.problem().startsWith(QStringLiteral("slo › p95_ms: ")));
    const QList<QLabel*> shown = shownErrors(panel);
    REQUIRE(shown.size() == 1);
    CHECK(shown.front()->parentWidget() == p95->parentWidget()); // the label right under the field
    CHECK(shown.front()->text().contains(QStringLiteral("-5")));

    retype(p95, QStringLiteral("250"));
    CHECK(panel.isValid());
    CHECK(panel.runButton()->isEnabled());
    CHECK(shownErrors(panel).isEmpty());
    CHECK(panel.scenario()->slo.p95Ms == Approx(250));
}

TEST_CASE("a bad stage marks its row and names it by the row number the table shows") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    EditableTable* stages = panel.workloadEditor()->stages();
    editCell(stages->table(), 1, 0, QStringLiteral("2 minutes"));

    CHECK(panel.problem().startsWith(QStringLiteral("workload › stages row 2 › duration: ")));
    const QList<QLabel*> shown = shownErrors(panel);
    REQUIRE(shown.size() == 1);
    CHECK(shown.front()->text().contains(QStringLiteral("2 minutes")));
    CHECK(stages->table()->item(1, 0)->background() != stages->table()->item(0, 0)->background());
    CHECK_FALSE(panel.runButton()->isEnabled());
}

TEST_CASE("editing, adding and reordering stages redraws the planned load") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    WorkloadEditor* workload = panel.workloadEditor();
    EditableTable* stages = workload->stages();
    editCell(stages->table(), 1, 1, QStringLiteral("50")); // 10 s to 20 users, then 1 min to 50
    std::vector<QPointF> planned = workload->plannedLoad();
    INFO(stages->text(0, 0).toStdString() + " " + stages->text(0, 1).toStdString() + " " +
         stages->text(1, 0).toStdString() + " " + stages->text(1, 1).toStdString());
    REQUIRE(planned.size() == 3);
    CHECK(planned[1] == QPointF(10, 20));
    CHECK(planned[2] == QPointF(70, 50));

    QPushButton* add = stages->findChild<QPushButton*>(QString(), Qt::FindDirectChildrenOnly);
    REQUIRE(add);
    QTest::mouseClick(add, Qt::LeftButton); // copies the last stage
    editCell(stages->table(), 2, 1, QStringLiteral("0"));
    planned = workload->plannedLoad();
    REQUIRE(planned.size() == 4);
    CHECK(planned[3] == QPointF(130, 0));

    stages->table()->setCurrentCell(2, 0);
    stages->moveCurrentRow(-1); // the ramp-down before the 50-user stage
    planned = workload->plannedLoad();
    CHECK(planned[2] == QPointF(70, 0));
    CHECK(planned[3] == QPointF(130, 50));
    const QList<QPointF> drawn = workload->preview()->drawnPoints(QStringLiteral("planned"));
    REQUIRE(drawn.size() == 4);
    CHECK(drawn[3].y() == 50);
    CHECK(panel.scenario()->workload.targetAt(std::chrono::seconds(100)) == Approx(25));
}

TEST_CASE("a URL target is checked as the CLI checks it") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    auto* url = panel.targetEditor()->findChildren<QRadioButton*>().at(1);
    QTest::mouseClick(url, Qt::LeftButton);
    REQUIRE(url->isChecked());
    CHECK(panel.problem().startsWith(QStringLiteral("target › url: ")));
    QLineEdit* address = panel.targetEditor()->findChild<QLineEdit*>();
    QTest::keyClicks(address, QStringLiteral("https://example.com/"));
    CHECK(panel.problem().contains(QStringLiteral("only http://")));
    REQUIRE(shownErrors(panel).size() == 1);
    CHECK(shownErrors(panel).front()->parentWidget() == address->parentWidget());
    retype(address, QStringLiteral("http://127.0.0.1:8080/health"));
    REQUIRE(panel.isValid());
    CHECK(panel.scenario()->target.requests.at(0).url == "http://127.0.0.1:8080/health");
}

TEST_CASE("a dependency-failure test without faults says so beside the faults table") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    panel.kindField()->setCurrentText(QStringLiteral("dependency-failure"));
    CHECK(panel.problem().startsWith(QStringLiteral("faults: ")));
    REQUIRE(shownErrors(panel).size() == 1);
    CHECK(shownErrors(panel).front()->text().contains(QStringLiteral("at least one fault")));
}

TEST_CASE("Run hands over the scenario and only Stop and Abort are enabled while running") {
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    std::optional<Scenario> requested;
    QObject::connect(&panel, &ControlPanel::runRequested, [&](const Scenario& s) { requested = s; });
    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    REQUIRE(requested.has_value());
    CHECK(requested->name == "analytics under load");
    CHECK(panel.confirmation() == nullptr); // 70 s: no confirmation
    panel.setRunning(true);
    CHECK_FALSE(panel.runButton()->isEnabled());
    const auto buttons = panel.findChildren<QPushButton*>();
    const auto enabled = std::count_if(buttons.begin(), buttons.end(), [](QPushButton* b) {
        return b->isEnabled() &&
               (b->text() == QStringLiteral("Stop") || b->text() == QStringLiteral("Abort"));
    });
    CHECK(enabled == 2);
}

TEST_CASE(
    "the error budget field shows the budget that applies, and clearing it drops the budget from the run") {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("p95-only.json"));
    QFile out(file);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(R"({"name": "p95 only", "kind": "load",
                 "target": {"engine": "analytics", "variant": "optimized"},
                 "workload": {"stages": [{"duration": "10s", "target": 4}]}, "slo": {"p95_ms": 50}})");
    out.close();
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    REQUIRE_FALSE(panel.openFile(file));
    QLineEdit* budget = panel.sloEditor()->findChildren<QLineEdit*>().at(2);
    CHECK(budget->text() == QStringLiteral("0.001")); // what the CLI judges this file by
    REQUIRE(panel.isValid());
    CHECK(panel.scenario()->slo.maxErrorRate == 0.001);

    budget->selectAll();
    QTest::keyClick(budget, Qt::Key_Delete);
    REQUIRE(panel.isValid());
    CHECK_FALSE(panel.scenario()->slo.maxErrorRate);
    CHECK(toJson(*panel.scenario()).find("\"max_error_rate\": null") != std::string::npos);
}

TEST_CASE("an engine target's requests offer the mix or the sample, and a body of its own replaces both") {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("sample.json"));
    QFile out(file);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(R"({"name": "sample", "kind": "load",
                 "target": {"engine": "orchestrator", "variant": "optimized", "requests": "sample"},
                 "workload": {"stages": [{"duration": "10s", "target": 4}]}})");
    out.close();
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.show();
    REQUIRE_FALSE(panel.openFile(file));
    auto* requests = panel.findChild<QComboBox*>(QStringLiteral("engineRequests"));
    REQUIRE(requests);
    CHECK(requests->currentData().toString() == QStringLiteral("sample"));
    REQUIRE(panel.isValid());
    CHECK(panel.scenario()->target.engine->requests == EngineRequests::Sample);

    requests->setCurrentIndex(requests->findData(QStringLiteral("mix")));
    REQUIRE(panel.isValid());
    CHECK(panel.scenario()->target.engine->requests == EngineRequests::Mix);

    auto* body = panel.findChild<QPlainTextEdit*>(QStringLiteral("engineBody"));
    REQUIRE(body);
    body->setPlainText(QStringLiteral(R"({"pods": [{"cpu": 100, "memory": 64}]})"));
    CHECK_FALSE(requests->isEnabled());
    REQUIRE(panel.isValid());
    CHECK(panel.scenario()->target.engine->requests == EngineRequests::Body);
}

TEST_CASE("key paths are shown as the form numbers its rows, from 1") {
    CHECK(formKeyPath(QStringLiteral("workload.stages[0].duration")) ==
          QStringLiteral("workload › stages row 1 › duration"));
    CHECK(formKeyPath(QStringLiteral("faults[11].value")) == QStringLiteral("faults row 12 › value"));
    CHECK(formKeyPath(QStringLiteral("slo.p95_ms")) == QStringLiteral("slo › p95_ms"));
    CHECK(formKeyPath(QString()).isEmpty());
}

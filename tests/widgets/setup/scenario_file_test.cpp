// Test setup's Open and Save: the files are the CLI's, and a bad file changes nothing.
#include "widgets/setup/control_panel.h"

#include "tests/widgets/hosted_engines.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QFile>
#include <QTemporaryDir>

using namespace perflab;

namespace {

Scenario richScenario() {
    Scenario s = parseScenario(R"({
      "name": "integration outage", "kind": "dependency-failure",
      "target": { "engine": "integration", "variant": "optimized", "via": "http", "timeout": "2s" },
      "workload": { "model": "arrival-rate", "stages": [ { "duration": "30s", "target": 200 },
                    { "duration": "2m", "target": 200 } ], "max_vus": 500, "arrivals": "poisson", "threads": 2 },
      "slo": { "p95_ms": 80, "max_error_rate": 0.01, "windows": [ { "over": "30s", "p95_ms": 150 } ],
               "abort_on_breach": true, "grace": "10s" },
      "faults": [ { "at": "60s", "duration": "30s", "kind": "upstream-outage" },
                  { "at": "100s", "duration": "10s", "kind": "upstream-latency", "value": 250 } ],
      "profile": { "hz": 499 } })",
                               "rich");
    return s;
}

void write(const QString& path, const QByteArray& text) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(text) == text.size());
}

} // namespace

TEST_CASE("a scenario saved from the form opens unchanged in another form and in the CLI's parser") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("outage.json"));
    ControlPanel first;
    first.setEngines(test::hostedEngines());
    first.setScenario(richScenario());
    REQUIRE(first.isValid());
    REQUIRE_FALSE(first.saveFile(path).has_value());

    CHECK(toJson(loadScenario(path.toStdString())) == toJson(richScenario()));
    ControlPanel second;
    second.setEngines(test::hostedEngines());
    REQUIRE_FALSE(second.openFile(path).has_value());
    REQUIRE(second.isValid());
    CHECK(toJson(*second.scenario()) == toJson(richScenario()));
}

TEST_CASE("a malformed scenario file shows the parser's error and leaves the form as it was") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.setScenario(richScenario());
    const QString before = panel.documentText();

    const QString badKey = dir.filePath(QStringLiteral("bad-key.json"));
    write(badKey, R"({ "name": "x", "kind": "load", "target": { "engine": "analytics", "variant": "fast" },
                       "workload": { "stages": [ { "duration": "10s", "target": 1 } ] } })");
    const std::optional<QString> problem = panel.openFile(badKey);
    REQUIRE(problem.has_value());
    CHECK(problem->contains(QStringLiteral("target.variant")));
    CHECK(problem->contains(QStringLiteral("fast")));
    CHECK(panel.documentText() == before);

    const QString notJson = dir.filePath(QStringLiteral("broken.json"));
    write(notJson, "{ \"name\": \n");
    const std::optional<QString> syntax = panel.openFile(notJson);
    REQUIRE(syntax.has_value());
    INFO(syntax->toStdString());
    CHECK(syntax->contains(QStringLiteral("broken.json: line 1, column 11: invalid JSON")));
    CHECK(panel.documentText() == before);

    CHECK(panel.openFile(dir.filePath(QStringLiteral("missing.json"))).has_value());
    CHECK(panel.documentText() == before);
}

TEST_CASE("an invalid form is not saved") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    ControlPanel panel;
    panel.setEngines(test::hostedEngines());
    panel.kindField()->setCurrentText(QStringLiteral("dependency-failure")); // no faults
    const QString path = dir.filePath(QStringLiteral("never.json"));
    const std::optional<QString> problem = panel.saveFile(path);
    REQUIRE(problem.has_value());
    CHECK(problem->contains(QStringLiteral("faults")));
    CHECK_FALSE(QFile::exists(path));
}

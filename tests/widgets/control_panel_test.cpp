// ControlPanel: the form describes a scenario the CLI accepts, and Run hands it over.
#include "widgets/control_panel.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>

using namespace perflab;

namespace {

template <typename W> W* nth(ControlPanel& panel, int n) {
    return panel.findChildren<W*>().at(n);
}

} // namespace

TEST_CASE("the form's choices become a virtual-users scenario with a ramp and a steady stage") {
    ControlPanel panel;
    nth<QComboBox>(panel, 0)->setCurrentText(QStringLiteral("knowledge"));
    nth<QComboBox>(panel, 1)->setCurrentText(QStringLiteral("baseline"));
    nth<QComboBox>(panel, 2)->setCurrentIndex(1);
    nth<QSpinBox>(panel, 0)->setValue(32);
    nth<QSpinBox>(panel, 1)->setValue(10);
    nth<QSpinBox>(panel, 2)->setValue(120);

    const Scenario s = panel.scenario();
    REQUIRE(s.target.engine.has_value());
    CHECK(s.target.engine->engine == "knowledge");
    CHECK(s.target.engine->variant == "baseline");
    CHECK(s.target.engine->via == Via::Http);
    CHECK(s.workload.model == WorkloadModel::VirtualUsers);
    CHECK(s.workload.totalDuration() == std::chrono::seconds(130));
    CHECK(s.workload.targetAt(std::chrono::seconds(5)) == Approx(16));
    CHECK(s.workload.targetAt(std::chrono::seconds(60)) == Approx(32));
}

TEST_CASE("the scenario the form writes parses back to the same test") {
    ControlPanel panel;
    const Scenario s = panel.scenario();
    const Scenario back = parseScenario(toJson(s), "control panel");
    CHECK(back.name == s.name);
    CHECK(back.target.engine->engine == s.target.engine->engine);
    CHECK(back.workload.totalDuration() == s.workload.totalDuration());
}

TEST_CASE("Run emits the scenario and only Stop is enabled while running") {
    ControlPanel panel;
    std::optional<Scenario> requested;
    QObject::connect(&panel, &ControlPanel::runRequested, [&](const Scenario& s) { requested = s; });
    QPushButton* run = nth<QPushButton>(panel, 0);
    QPushButton* stop = nth<QPushButton>(panel, 1);
    CHECK_FALSE(stop->isEnabled());
    run->click();
    REQUIRE(requested.has_value());
    CHECK(requested->name == "analytics under load");
    panel.setRunning(true);
    CHECK_FALSE(run->isEnabled());
    CHECK(stop->isEnabled());
}

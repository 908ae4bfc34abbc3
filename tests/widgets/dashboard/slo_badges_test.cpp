// SLO badges: one per limit of the run's scenario, red with the run time of the run's first breach, green
// while a limit holds.
#include "widgets/dashboard/dashboard.h"
#include "widgets/dashboard/headline_strip.h"
#include "widgets/dashboard/slo_badges.h"

#include "tests/widgets/dashboard_fixture.h"

#include <catch2/catch.hpp>

#include <QLabel>

using namespace perflab;

namespace {

const SloBadgeStrip::Badge& badgeNamed(const Dashboard& dashboard, const std::string& label) {
    const auto& badges = dashboard.sloBadges()->badges();
    auto it = std::find_if(badges.begin(), badges.end(),
                           [&](const auto& b) { return perflab::label(b.slo) == label; });
    REQUIRE(it != badges.end());
    return *it;
}

} // namespace

TEST_CASE("a badge turns red with the run time of the breach when the run's seconds breach its limit") {
    const test::ReadBackRun run = test::readJudgedRun(60, false); // still running: no summary yet
    Dashboard dashboard;
    dashboard.setRun(run.info);
    dashboard.setRows(run.rows);
    REQUIRE(dashboard.sloBadges()->badges().size() == 6); // five whole-run limits and one window

    const auto& cpu = badgeNamed(dashboard, "max_cpu_percent");
    CHECK_FALSE(cpu.breachedAtMs);
    CHECK(cpu.label->text() == QStringLiteral("CPU < 70 %"));

    dashboard.appendEvents(run.events);
    // The synthetic CPU passes 70 % in the second ending 26 s into the run (35 + 50 * ramp + 5 sin).
    int firstAbove = 0;
    while (run.rows[static_cast<std::size_t>(firstAbove)].resources.processCpuPercent < 70)
        ++firstAbove;
    REQUIRE(cpu.breachedAtMs);
    CHECK(*cpu.breachedAtMs == test::stampOf(firstAbove + 1));
    CHECK(cpu.label->text() ==
          QStringLiteral("CPU < 70 % — breached at 00:%1").arg(firstAbove + 1, 2, 10, QLatin1Char('0')));
    CHECK(cpu.label->toolTip().contains(QStringLiteral("threshold < 70 %")));
    CHECK(cpu.label->toolTip().contains(QStringLiteral("Last second: ")));

    const auto& window = badgeNamed(dashboard, "max_error_rate over 30s");
    REQUIRE(window.breachedAtMs);
    CHECK(window.label->text().endsWith(QStringLiteral("over 30s — breached at 00:30")));
}

TEST_CASE("badges of limits the run holds stay green, also once its verdicts are in") {
    const test::ReadBackRun run = test::readJudgedRun(60);
    Dashboard dashboard;
    dashboard.setRun(run.info);
    dashboard.setRows(run.rows);
    dashboard.appendEvents(run.events);
    for (const char* held : {"p95_ms", "min_rpm", "max_error_rate", "max_memory_percent"}) {
        const auto& badge = badgeNamed(dashboard, held);
        CHECK_FALSE(badge.breachedAtMs);
        CHECK_FALSE(badge.label->text().contains(QStringLiteral("breached")));
    }
    CHECK(badgeNamed(dashboard, "p95_ms").label->toolTip().contains(QStringLiteral("Run's verdict value")));
}

TEST_CASE("a whole-run limit judged only at the end turns red at the run's end") {
    test::ReadBackRun run = test::readJudgedRun(40);
    Summary summary = summaryFromJson(run.info.summaryJson);
    for (SloResult& slo : summary.slos)
        if (slo.name == "p95_ms" && slo.windowS == 0) {
            slo.threshold = 1; // the run's p95 is a few ms
            slo.pass = false;
        }
    run.info.summaryJson = toJson(summary);
    Dashboard dashboard;
    dashboard.setRun(run.info);
    const auto& p95 = badgeNamed(dashboard, "p95_ms");
    REQUIRE(p95.breachedAtMs);
    CHECK(*p95.breachedAtMs == run.info.endedMs);
    CHECK(p95.label->text().endsWith(QStringLiteral("breached at 00:40")));
}

TEST_CASE("a run that failed for want of evidence says why under its badges, and a passing one does not") {
    test::ReadBackRun run = test::readJudgedRun(40);
    Dashboard dashboard;
    dashboard.setRun(run.info);
    const auto* note = dashboard.sloBadges()->findChild<QLabel*>(QStringLiteral("noEvidence"));
    REQUIRE(note);
    CHECK(note->isHidden());

    Summary summary = summaryFromJson(run.info.summaryJson);
    summary.status = RunStatus::Failed;
    summary.verdictReason = "the target never answered: all 225,415 requests failed (225,415 connect)";
    run.info.summaryJson = toJson(summary);
    dashboard.setRun(run.info);
    CHECK_FALSE(note->isHidden());
    CHECK(note->text() == QStringLiteral("Failed: the target never answered: all 225,415 requests failed "
                                         "(225,415 connect)"));
}

TEST_CASE("the throughput tile counts successes and shows the attempted rate under it when some failed") {
    test::ReadBackRun run = test::readJudgedRun(10);
    Dashboard dashboard;
    dashboard.setRun(run.info);
    IntervalRow failing = run.rows.back();
    failing.counts.requests = 1'800;
    failing.counts.errors = 1'800;
    run.rows.push_back(failing);
    dashboard.setRows(run.rows);
    const HeadlineStrip* headline = dashboard.findChild<HeadlineStrip*>();
    REQUIRE(headline);
    CHECK(headline->value(QStringLiteral("throughput")) == QStringLiteral("0.0 req/s"));
    CHECK(headline->detail(QStringLiteral("throughput")) == QStringLiteral("of 1,800 attempted"));
}

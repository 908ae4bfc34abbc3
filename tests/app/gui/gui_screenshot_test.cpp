// The main window on a real X display (run under xvfb-run): opened on a stored run with events, breached SLOs
// and a profile, it paints a non-blank dashboard (light and dark palette) and Flame page; Test setup (light
// and dark, with an error shown) and About are painted too. The grabs are saved under screenshots/ for people
// to look at; the high-DPI run (QT_SCALE_FACTOR=2) adds "@2x".
#include <catch2/catch.hpp>

#include "app/gui/main_window.h"
#include "app/gui/run_session.h"
#include "model/profile/folded_stacks.h"
#include "tests/app/gui/screenshot.h"
#include "tests/widgets/judged_run.h"
#include "tests/widgets/qt_scratch_session.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/charts/xy_chart.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/dashboard/slo_badges.h"
#include "widgets/flame/flame_page.h"
#include "widgets/flame/flame_view.h"
#include "widgets/setup/control_panel.h"
#include "widgets/setup/target_editor.h"
#include "widgets/setup/workload_editor.h"
#include "widgets/window/about_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QHash>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

using namespace perflab;
using perflab::test::colourStats;
using perflab::test::ColourStats;
using perflab::test::grab;
using perflab::test::save;

namespace {

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

void settle(int ms) {
    waitUntil([] { return false; }, ms);
}

// What a dark platform theme hands the app.
QPalette darkPalette() {
    QPalette dark;
    for (auto [role, rgb] : {std::pair{QPalette::Window, 0x262a30},
                             {QPalette::WindowText, 0xe6e8eb},
                             {QPalette::Base, 0x1e2126},
                             {QPalette::AlternateBase, 0x2a2e35},
                             {QPalette::Text, 0xe6e8eb},
                             {QPalette::Button, 0x30353c},
                             {QPalette::ButtonText, 0xe6e8eb},
                             {QPalette::Mid, 0x4a5058},
                             {QPalette::PlaceholderText, 0x9aa3ad},
                             {QPalette::Highlight, 0x4f8cc9},
                             {QPalette::HighlightedText, 0xffffff},
                             {QPalette::ToolTipBase, 0x30353c},
                             {QPalette::ToolTipText, 0xe6e8eb}})
        dark.setColor(role, QColor::fromRgb(static_cast<QRgb>(rgb)));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(QPalette::Disabled, role, QColor::fromRgb(0x6b7380));
    return dark;
}

} // namespace

TEST_CASE("the main window opened on a stored run paints a readable, non-blank dashboard", "[window]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    constexpr int kSeconds = 180;
    std::int64_t id = 0;
    {
        RunStore store(db);
        id = test::writeJudgedRun(store, kSeconds);
        const Profile profile =
            readFoldedStacksFile(PERFLAB_SOURCE_DIR "/tests/widgets/knowledge_server.folded",
                                 {.name = "", .thread = "worker-0", .engine = "knowledge"});
        for (int slice = 0; slice < kSeconds / 10; ++slice)
            store.appendProfile(id, test::kRunStartMs + slice * 10'000,
                                test::kRunStartMs + (slice + 1) * 10'000, "perf_event", profile);
    }

    MainWindow window(GuiOptions{.db = db, .runId = id, .perflabExecutable = {}});
    window.resize(1600, 1000);
    window.show();
    REQUIRE(waitUntil([&] { return window.dashboard()->rows().size() == kSeconds; }, 10'000));
    REQUIRE(waitUntil([&] { return !window.dashboard()->events().empty(); }, 5000));
    REQUIRE(waitUntil([&] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 5000));
    settle(700); // let the charts' scenes repaint after the data landed

    const QImage image = grab(window);
    REQUIRE(image.width() >= 1500);
    REQUIRE(image.height() >= 900);
    const ColourStats dashboard = colourStats(image);
    CHECK(dashboard.distinct >= 64);       // text, lines, tiles: not a flat fill
    CHECK(dashboard.dominantShare < 0.85); // not one colour covering the window
    const auto& badges = window.dashboard()->sloBadges()->badges();
    CHECK(std::count_if(badges.begin(), badges.end(), [](const auto& b) { return b.breachedAtMs; }) == 2);
    for (const auto& badge : badges) // breached while the run went, not at its end
        CHECK((!badge.breachedAtMs || *badge.breachedAtMs < test::stampOf(60)));
    save(image, QStringLiteral("main_window.png"));

    // A range picked on the latency chart shows as a band on every chart; in the dark palette too.
    TimeSeriesChart& latency = *window.dashboard()->chart(DashboardChart::Latency);
    QWidget* plot = latency.childAt(latency.rect().center());
    REQUIRE(plot);
    const int y = plot->mapFrom(&latency, latency.rect().center()).y();
    const auto xIn = [&](int second) {
        return plot->mapFrom(&latency, QPoint(static_cast<int>(latency.xToPixel(test::stampOf(second))), 0))
            .x();
    };
    QTest::mousePress(plot, Qt::LeftButton, {}, QPoint(xIn(100), y));
    QTest::mouseMove(plot, QPoint(xIn(130), y));
    QTest::mouseRelease(plot, Qt::LeftButton, {}, QPoint(xIn(130), y));
    const QPalette light = QApplication::palette();
    QApplication::setPalette(darkPalette());
    settle(500);
    save(grab(window), QStringLiteral("main_window_dark.png"));
    QApplication::setPalette(light);

    auto* sideBar = window.findChild<QListWidget*>();
    REQUIRE(sideBar);
    const auto flameRows = sideBar->findItems(QStringLiteral("Flame"), Qt::MatchExactly);
    REQUIRE(flameRows.size() == 1);
    sideBar->setCurrentItem(flameRows.front());
    REQUIRE(waitUntil([&] { return window.flamePage()->view()->scene() != nullptr; }, 10'000));
    settle(500);
    const QImage flame = grab(window);
    CHECK(window.flamePage()->caption().contains(QStringLiteral("perf_event")));
    const ColourStats flameStats = colourStats(flame);
    CHECK(flameStats.distinct >= 32);       // frames of many colours, labels
    CHECK(flameStats.dominantShare < 0.85); // the graph covers the page
    save(flame, QStringLiteral("flame_page.png"));
}

namespace {

Scenario outageScenario() {
    return parseScenario(R"({
      "name": "integration outage", "kind": "dependency-failure",
      "target": { "engine": "integration", "variant": "optimized", "via": "http" },
      "workload": { "model": "arrival-rate", "max_vus": 2000, "arrivals": "poisson",
                    "stages": [ { "duration": "30s", "target": 500 }, { "duration": "2m", "target": 500 },
                                { "duration": "15s", "target": 1500 }, { "duration": "1m", "target": 500 } ] },
      "slo": { "p95_ms": 120, "min_rpm": 20000, "max_error_rate": 0.01, "abort_on_breach": true, "grace": "30s" },
      "faults": [ { "at": "60s", "duration": "30s", "kind": "upstream-outage" },
                  { "at": "150s", "duration": "20s", "kind": "upstream-latency", "value": 250 } ],
      "profile": { "hz": 999 } })",
                         "screenshot");
}

// WCAG's contrast ratio of two colours (1 to 21; 4.5 is its bar for body text).
double contrast(QRgb a, QRgb b) {
    const auto luminance = [](QRgb c) {
        const auto channel = [](int v) {
            const double x = v / 255.0;
            return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(qRed(c)) + 0.7152 * channel(qGreen(c)) + 0.0722 * channel(qBlue(c));
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The contrast of a widget's text as painted in the window's grab: its area's most common colour is the
// background, its pixel farthest from that the text.
double paintedTextContrast(const QImage& window, const QWidget& widget) {
    const double scale = window.width() / static_cast<double>(widget.window()->width()); // 2 at 200 %
    const QRectF area(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size());
    const QImage crop = window.copy(QRectF(area.topLeft() * scale, area.size() * scale).toRect());
    QHash<QRgb, int> colours;
    for (int y = 0; y < crop.height(); ++y)
        for (int x = 0; x < crop.width(); ++x)
            ++colours[crop.pixel(x, y)];
    const QRgb background =
        std::max_element(colours.keyValueBegin(), colours.keyValueEnd(), [](auto a, auto b) {
            return a.second < b.second;
        })->first;
    double best = 1;
    for (auto it = colours.keyBegin(); it != colours.keyEnd(); ++it)
        best = std::max(best, contrast(*it, background));
    return best;
}

// Every visible label and text field of Test setup reaches WCAG's 4.5:1 against what is painted behind it.
void checkTextContrast(const QImage& window, const ControlPanel& controls) {
    int checked = 0;
    const auto check = [&](const QWidget* widget, const QString& text) {
        if (!widget->isVisibleTo(controls.window()) || text.trimmed().isEmpty())
            return;
        INFO("\"" << text.toStdString() << "\"");
        CHECK(paintedTextContrast(window, *widget) >= 4.5);
        ++checked;
    };
    for (const QLabel* label : controls.findChildren<QLabel*>())
        check(label, label->text());
    for (const QLineEdit* field : controls.findChildren<QLineEdit*>())
        check(field, field->text());
    CHECK(checked >= 10);
}

// The form's parts are on screen whole, unscrolled: each group box, and the load preview to the right of the
// settings.
void checkWholeForm(const MainWindow& window, const ControlPanel& controls) {
    const auto onWindow = [&](const QWidget* widget) {
        return QRect(widget->mapTo(&window, QPoint(0, 0)), widget->size());
    };
    const auto* scroll = controls.findChild<QScrollArea*>();
    REQUIRE(scroll);
    const QRect visible = onWindow(scroll->viewport());
    const auto groups = controls.findChildren<QGroupBox*>();
    REQUIRE(groups.size() >= 5);
    int rightOfSettings = 0;
    for (const QGroupBox* group : groups) {
        INFO(group->title().toStdString()
             << " at " << onWindow(group).top() << ".." << onWindow(group).bottom() << ", visible "
             << visible.top() << ".." << visible.bottom());
        CHECK(group->isVisibleTo(&window));
        CHECK(visible.contains(onWindow(group)));
        if (group->isAncestorOf(controls.targetEditor()))
            rightOfSettings = onWindow(group).right();
    }
    for (const QWidget* field :
         std::initializer_list<const QWidget*>{controls.nameField(), controls.kindField()})
        CHECK(visible.contains(onWindow(field)));
    CHECK(window.rect().contains(onWindow(controls.runButton())));
    const QWidget* preview = controls.workloadEditor()->preview();
    const QRect plan = onWindow(preview);
    CHECK(preview->isVisibleTo(&window));
    CHECK(plan.left() > rightOfSettings);
    CHECK(plan.width() >= 400);
    CHECK(plan.height() >= 200);
    CHECK(visible.contains(plan));
}

// The Test setup page of a fresh window (scratch store), `prefix` naming its screenshots.
void shootTestSetup(const QString& prefix) {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    MainWindow window(GuiOptions{
        .db = dir.filePath(QStringLiteral("runs.db")).toStdString(), .runId = 0, .perflabExecutable = {}});
    window.resize(1600, 1000);
    window.show();
    REQUIRE(waitUntil([&] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 5000));
    auto* sideBar = window.findChild<QListWidget*>();
    REQUIRE(sideBar);
    sideBar->setCurrentRow(1);
    window.controls()->setScenario(outageScenario());
    REQUIRE(window.controls()->isValid());
    settle(500);
    const QImage valid = grab(window);
    save(valid, prefix + QStringLiteral(".png"));
    checkWholeForm(window, *window.controls());
    checkTextContrast(valid, *window.controls());

    // A stage with a bad duration: the error shows right under the stages table, and Run is off.
    auto* table = window.controls()->findChildren<QTableWidget*>().at(0);
    table->item(2, 0)->setText(QStringLiteral("15 sec"));
    REQUIRE_FALSE(window.controls()->isValid());
    CHECK_FALSE(window.controls()->runButton()->isEnabled());
    settle(300);
    const QImage invalid = grab(window);
    save(invalid, prefix + QStringLiteral("_error.png"));
    std::vector<const QLabel*> shown;
    for (const QLabel* label : window.controls()->findChildren<QLabel*>(QStringLiteral("fieldError")))
        if (label->isVisibleTo(&window))
            shown.push_back(label);
    REQUIRE(shown.size() == 1);
    const QLabel& error = *shown.front();
    CHECK(error.text().contains(QStringLiteral("15 sec")));
    const QRect under(error.mapTo(&window, QPoint(0, 0)), error.size());
    const QWidget* stagesEditor = table->parentWidget(); // the table with its Add/Remove/Up/Down row
    const QRect stages(stagesEditor->mapTo(&window, QPoint(0, 0)), stagesEditor->size());
    CHECK(under.top() >= stages.bottom());
    CHECK(under.top() - stages.bottom() <= 24);
    CHECK(under.left() < stages.right());
    CHECK(under.right() > stages.left());
    CHECK(window.rect().contains(under));
    CHECK(paintedTextContrast(invalid, error) >= 4.5);
}

} // namespace

TEST_CASE("the Test setup page shows the whole scenario form beside its load preview", "[window]") {
    shootTestSetup(QStringLiteral("test_setup"));
}

TEST_CASE("the Test setup page stays readable on a dark system palette", "[window]") {
    const QPalette light = QApplication::palette();
    QApplication::setPalette(darkPalette());
    shootTestSetup(QStringLiteral("test_setup_dark"));
    QApplication::setPalette(light);
}

TEST_CASE("About lists the versions in a tidy dialog", "[window]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    MainWindow window(GuiOptions{
        .db = dir.filePath(QStringLiteral("runs.db")).toStdString(), .runId = 0, .perflabExecutable = {}});
    window.show();
    window.showAbout();
    auto* about = window.findChild<AboutDialog*>();
    REQUIRE(about);
    REQUIRE(waitUntil([&] { return about->windowHandle() && about->windowHandle()->isExposed(); }, 5000));
    settle(300);
    const QImage image = about->screen()->grabWindow(about->winId()).toImage();
    CHECK(colourStats(image.convertToFormat(QImage::Format_RGB32)).distinct >= 16);
    save(image, QStringLiteral("about.png"));
}

// The main window on a real X display (run under xvfb-run): opened on a stored run with events and breached
// SLOs, it paints a non-blank dashboard in the light and the dark palette; the grabs are saved to
// screenshots/ (main_window.png, main_window_dark.png, test_setup.png) for people to look at.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "app/main_window.h"
#include "app/run_session.h"
#include "tests/widgets/judged_run.h"
#include "tests/widgets/qt_scratch_session.h"
#include "widgets/dashboard.h"
#include "widgets/slo_badges.h"
#include "widgets/time_series_chart.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QListWidget>
#include <QPixmap>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

#include <algorithm>
#include <functional>

using namespace perflab;

namespace {

// Counts colours; a blank or flat window has few, or one covering nearly everything.
struct ColourStats {
    int distinct = 0;
    double dominantShare = 1;
};

ColourStats colourStats(const QImage& image) {
    QHash<QRgb, int> colors;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            ++colors[line[x]];
    }
    const int mostCommon = *std::max_element(colors.cbegin(), colors.cend());
    return {static_cast<int>(colors.size()),
            mostCommon / (static_cast<double>(image.width()) * image.height())};
}

QImage grab(QWidget& window) {
    return window.screen()->grabWindow(window.winId()).toImage().convertToFormat(QImage::Format_RGB32);
}

void save(const QImage& image, const QString& name) {
    const QString folder = QStringLiteral(PERFLAB_BINARY_DIR "/screenshots");
    REQUIRE(QDir().mkpath(folder));
    REQUIRE(image.save(folder + QLatin1Char('/') + name));
}

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

} // namespace

TEST_CASE("the main window opened on a stored run paints a readable, non-blank dashboard") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    constexpr int kSeconds = 180;
    std::int64_t id = 0;
    {
        RunStore store(db);
        id = test::writeJudgedRun(store, kSeconds);
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
                             {QPalette::Highlight, 0x4f8cc9}})
        dark.setColor(role, QColor::fromRgb(static_cast<QRgb>(rgb)));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(QPalette::Disabled, role, QColor::fromRgb(0x6b7380));
    const QPalette light = QApplication::palette();
    QApplication::setPalette(dark);
    settle(500);
    save(grab(window), QStringLiteral("main_window_dark.png"));
    QApplication::setPalette(light);

    auto* sideBar = window.findChild<QListWidget*>();
    REQUIRE(sideBar);
    sideBar->setCurrentRow(1);
    settle(300);
    const ColourStats setup = colourStats(grab(window));
    CHECK(setup.distinct >= 16);
    save(grab(window), QStringLiteral("test_setup.png"));
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        fprintf(stderr, "gui_screenshot_test needs an X display: run it under xvfb-run -a\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "xcb");
    QTemporaryDir scratch;
    if (!perflab::test::useScratchSession(scratch))
        return 2;
    QApplication app(argc, argv);
    applyLook(app);
    return Catch::Session().run(argc, argv);
}

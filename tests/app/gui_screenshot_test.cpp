// The main window on a real X display (run under xvfb-run): opened on a stored run, it paints a
// non-blank dashboard and Flame page; the grabs are saved to screenshots/ for people to look at.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "app/flame_page.h"
#include "app/main_window.h"
#include "app/run_session.h"
#include "model/folded_stacks.h"
#include "tests/widgets/qt_scratch_session.h"
#include "tests/widgets/stored_run.h"
#include "widgets/dashboard.h"
#include "widgets/flame_view.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QListWidget>
#include <QPixmap>
#include <QScreen>
#include <QTemporaryDir>
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
        id = test::writeStoredRun(store, kSeconds);
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
    REQUIRE(waitUntil([&] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 5000));
    settle(700); // let the charts' scenes repaint after the data landed

    const QImage image = grab(window);
    REQUIRE(image.width() >= 1500);
    REQUIRE(image.height() >= 900);
    const ColourStats dashboard = colourStats(image);
    CHECK(dashboard.distinct >= 64);       // text, lines, tiles: not a flat fill
    CHECK(dashboard.dominantShare < 0.85); // not one colour covering the window
    save(image, QStringLiteral("main_window.png"));

    auto* sideBar = window.findChild<QListWidget*>();
    REQUIRE(sideBar);
    sideBar->setCurrentRow(1);
    settle(300);
    const ColourStats setup = colourStats(grab(window));
    CHECK(setup.distinct >= 16);
    save(grab(window), QStringLiteral("test_setup.png"));

    sideBar->setCurrentRow(2);
    REQUIRE(waitUntil([&] { return window.flamePage()->view()->scene() != nullptr; }, 10'000));
    settle(500);
    const QImage flame = grab(window);
    CHECK(window.flamePage()->caption().contains(QStringLiteral("perf_event")));
    const ColourStats flameStats = colourStats(flame);
    CHECK(flameStats.distinct >= 32);       // frames of many colours, labels
    CHECK(flameStats.dominantShare < 0.85); // the graph covers the page
    save(flame, QStringLiteral("flame_page.png"));
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

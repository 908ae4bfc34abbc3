// bench/endurance: opening a 72-hour run in the endurance view, from the call to the painted widget
// (offscreen, 1600x900), against the naive peer in the same process: every per-second row read with
// RunStore::intervals and handed to the same charts. Medians of alternating rounds; the bar is 500 ms.
#include "app/gui/store_service.h"
#include "bench/bench_timing.h"
#include "bench/soak_simulation.h"
#include "model/store/run_store.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/endurance/endurance_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QVBoxLayout>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <malloc.h>
#include <string>
#include <unistd.h>

using namespace perflab;
using namespace perflab::bench;

namespace {

constexpr std::int64_t kStartMs = 1'800'000'000'000;
constexpr int kRounds = 5;

bool waitFor(const std::function<bool()>& done) {
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < 60'000)
        QApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    return done();
}

// From showRun() to the grabbed (painted) view, read by the window's store service; saves the first grab
// when asked.
double openInView(const std::filesystem::path& file, std::int64_t id, const QString& savePng) {
    StoreService store(file);
    EnduranceView view(store);
    view.resize(1600, 900);
    view.show();
    QApplication::processEvents();
    bool shown = false;
    QObject::connect(&view, &EnduranceView::sliceShown, [&] { shown = true; });
    const auto start = Clock::now();
    view.showRun(id);
    if (!waitFor([&] { return shown; }))
        std::abort();
    const QImage painted = view.grab().toImage();
    const double ms = millisSince(start);
    if (!savePng.isEmpty())
        painted.save(savePng);
    return ms;
}

// The naive peer: all 259,200 rows on the UI thread, every figure handed whole to the charts (which reduce
// them to their pixel width), then painted.
double openNaively(const std::filesystem::path& file, std::int64_t id) {
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    const std::vector<std::pair<ChartFigure, double>> figures = {
        {ChartFigure::LatencyP50, 1}, {ChartFigure::LatencyP95, 1},
        {ChartFigure::LatencyP99, 1}, {ChartFigure::Throughput, 1},
        {ChartFigure::ErrorRate, 1},  {ChartFigure::ProcessRss, 1.0 / (1 << 20)},
        {ChartFigure::ProcessCpu, 1}};
    std::vector<TimeSeriesChart*> charts;
    for (const auto& [figure, scale] : figures) {
        charts.push_back(new TimeSeriesChart(QString::fromLatin1(columnName(figure).data()), {}, &window));
        charts.back()->addSeries(QStringLiteral("value"), Qt::darkBlue);
        layout->addWidget(charts.back());
    }
    window.resize(1600, 900);
    window.show();
    QApplication::processEvents();
    const auto start = Clock::now();
    const RunStore store(file, RunStore::Mode::ReadOnly);
    const std::vector<IntervalRow> rows = store.intervals(id);
    for (std::size_t c = 0; c < figures.size(); ++c) {
        std::vector<double> xs(rows.size()), ys(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            xs[i] = static_cast<double>(rows[i].startMs);
            ys[i] = figureOf(figures[c].first, rows[i]) * figures[c].second;
        }
        charts[c]->setData(QStringLiteral("value"), std::move(xs), std::move(ys));
    }
    const QImage painted = window.grab().toImage();
    const double ms = millisSince(start);
    if (painted.isNull())
        std::abort();
    return ms;
}

std::string loadAverage() {
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readLine().trimmed().toStdString() : "unknown";
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Writing hands the store an Interval (two 136 KiB histograms) per second: keep freed memory for the next
    // rather than giving it back to the kernel each time.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    QApplication app(argc, argv);
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
    const int hours = argc > 1 ? std::atoi(argv[1]) : 72;
    const QString savePng = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (hours <= 0) {
        std::fprintf(
            stderr,
            "usage: endurance_bench [HOURS (default 72)] [SCREENSHOT.png] [STORE.db to keep or reuse]\n");
        return 2;
    }
    const std::string name = "perflab-endurance-bench-" + std::to_string(::getpid());
    const auto folder = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(folder);
    const auto file = folder / "perflab.db";
    const std::filesystem::path kept = argc > 3 ? argv[3] : "";
    if (!kept.empty() && std::filesystem::exists(kept)) {
        std::filesystem::copy_file(kept, file); // a store an earlier run kept: its first run is the soak
    } else {
        // Written where a commit costs no fsync (a run commits once a second; this writes 72 h at once), then
        // opened from the temporary folder like any store.
        const std::filesystem::path shm = "/dev/shm";
        const auto scratch = std::filesystem::is_directory(shm) ? shm / name : folder / "scratch";
        std::filesystem::create_directories(scratch);
        const auto built = Clock::now();
        {
            RunStore store(scratch / "perflab.db");
            writeSoak(store, kStartMs, hours, 2.0 * 1024 * 1024); // a slow leak: 2 MiB/h
        }
        std::filesystem::copy_file(scratch / "perflab.db", file);
        std::filesystem::remove_all(scratch);
        std::fprintf(stderr, "  wrote a %d h store (%.1f MB) in %.1f s\n", hours,
                     static_cast<double>(std::filesystem::file_size(file)) / 1e6, millisSince(built) / 1000);
        if (!kept.empty())
            std::filesystem::copy_file(file, kept);
    }
    const std::int64_t id = RunStore(file, RunStore::Mode::ReadOnly).runs().front().id;

    std::vector<double> view, naive;
    for (int round = 0; round < kRounds; ++round) {
        view.push_back(openInView(file, id, round == 0 ? savePng : QString()));
        naive.push_back(openNaively(file, id));
    }
    std::filesystem::remove_all(folder);

    std::printf(
        "endurance view: a %d h run (%d s), 1600x900 offscreen, median of %d rounds; load average %s\n",
        hours, hours * 3600, kRounds, loadAverage().c_str());
    std::printf("open to painted, endurance view      %8.1f ms   (bar 500 ms; min %.1f, max %.1f)\n",
                median(view), *std::min_element(view.begin(), view.end()),
                *std::max_element(view.begin(), view.end()));
    std::printf("open to painted, every row (peer)    %8.1f ms\n", median(naive));
    std::printf("ratios: view/bar %.2f, view vs naive peer %.3f (%.1fx faster)\n", median(view) / 500,
                median(view) / median(naive), median(naive) / median(view));
    return median(view) <= 500 ? 0 : 1;
}

// The live dashboard: SLO badges, headline figures, and charts of latency, throughput, errors by kind, users
// and sends, CPU and memory, with the run's events as markers and a time range picked by dragging.
#pragma once

#include "model/metrics/interval.h"
#include "model/store/chart_series.h"
#include "model/store/run_store.h"
#include "widgets/charts/chart_overlay.h"
#include "widgets/dashboard/dashboard_series.h"

#include <QLabel>
#include <QTimer>
#include <QWidget>

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace perflab {

class HeadlineStrip;
class SloBadgeStrip;
class TimeSeriesChart;

// Holds the run's per-second rows and events (the model-side buffer) and redraws from them: setRows at
// once, appendRows and appendEvents at most ~30 times a second however fast they arrive, a chart per turn
// of the event loop.
class Dashboard : public QWidget {
    Q_OBJECT
public:
    explicit Dashboard(QWidget* parent = nullptr);

    // The run shown: its scenario's SLOs become badges, run time counts from its start, and a finished
    // run's verdicts apply. Another run than the one shown drops the events kept.
    void setRun(const RunInfo& run);
    void setRows(std::vector<IntervalRow> rows);
    void appendRows(const std::vector<IntervalRow>& rows);
    void appendEvents(const std::vector<RunEvent>& events);
    void clear();

    const std::vector<IntervalRow>& rows() const noexcept { return m_rows; }
    const std::vector<RunEvent>& events() const noexcept { return m_events; }
    TimeSeriesChart* chart(DashboardChart which) const;
    const HeadlineStrip* headline() const noexcept { return m_headline; }
    const SloBadgeStrip* sloBadges() const noexcept { return m_badges; }
    // The line under the CPU and memory charts saying what "under test" is: a process of its own, a hosted
    // engine sharing the run process's memory, or a remote target that is not measured.
    QString targetNote() const;
    // The picked time range (store milliseconds), if any.
    std::optional<std::pair<qint64, qint64>> selection() const { return m_selection; }
    void clearSelection();

    // A chart as the dashboard draws it (title, unit, series, colours, dash patterns), for other views and
    // the PDF report; and a chart read of a stored run shown in it.
    static TimeSeriesChart* makeChart(DashboardChart which, QWidget* parent = nullptr);
    static void showSeries(TimeSeriesChart& chart, DashboardChart which, const ChartSeries& series);
    // The run's events as chart markers: colour by kind, tooltip with run time, clock time and message.
    static std::vector<ChartMarker> markersOf(const std::vector<RunEvent>& events, std::int64_t runStartMs);

    // Redraws every chart, marker and figure from the rows and events now.
    void redraw();

signals:
    // A drag on any chart picked [fromMs, toMs] (the clock of IntervalRow::startMs); every chart shows it.
    void rangeSelected(qint64 fromMs, qint64 toMs);
    // A click or Escape cleared the picked range.
    void selectionCleared();

private:
    QWidget* makePercentilePicker();
    void showRange(double fromMs, double toMs);
    void scheduleRedraw();
    void redrawLive();
    void drawNextLive();
    std::vector<double> rowTimes() const;
    void drawChart(std::size_t index, const std::vector<double>& xs);
    void drawFigures(); // markers, SLO badges, headline and the note under the charts
    void drawErrorKinds(const std::vector<double>& xs);
    void drawMarkers();
    void updateHeadline();
    void updateTargetNote();
    std::int64_t runStartMs() const;

    std::vector<IntervalRow> m_rows;
    std::vector<RunEvent> m_events;
    std::optional<RunInfo> m_run;
    bool m_markersStale = false;
    std::optional<std::pair<qint64, qint64>> m_selection;
    QString m_targetLabel; // the run's target, as targetLabel() names it
    SloBadgeStrip* m_badges = nullptr;
    HeadlineStrip* m_headline = nullptr;
    QLabel* m_targetNote = nullptr;
    std::array<TimeSeriesChart*, kDashboardChartCount> m_charts{};
    QTimer m_redrawTimer;
    std::size_t m_liveChart = kDashboardChartCount; // the chart a live redraw draws next; all drawn
};

} // namespace perflab

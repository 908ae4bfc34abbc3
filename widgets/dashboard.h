// The live dashboard: headline figures and charts of latency, throughput, errors, users, CPU and memory.
#pragma once

#include "model/chart_series.h"
#include "model/interval.h"

#include <QTimer>
#include <QWidget>

#include <array>
#include <vector>

namespace perflab {

class HeadlineStrip;
class TimeSeriesChart;

enum class DashboardChart { Latency, Throughput, Errors, Users, Cpu, Memory };
inline constexpr std::size_t kDashboardChartCount = 6;

// Holds the run's per-second rows (the model-side buffer) and redraws from them: setRows at once,
// appendRows at most ~30 times a second however fast rows arrive.
class Dashboard : public QWidget {
    Q_OBJECT
public:
    explicit Dashboard(QWidget* parent = nullptr);

    void setRows(std::vector<IntervalRow> rows);
    void appendRows(const std::vector<IntervalRow>& rows);
    void clear();

    const std::vector<IntervalRow>& rows() const noexcept { return m_rows; }
    TimeSeriesChart* chart(DashboardChart which) const;
    const HeadlineStrip* headline() const noexcept { return m_headline; }

    // A chart as the dashboard draws it (title, unit, series, colours, dash patterns), for other views and
    // the PDF report; and a chart read of a stored run shown in it.
    static TimeSeriesChart* makeChart(DashboardChart which, QWidget* parent = nullptr);
    static void showSeries(TimeSeriesChart& chart, DashboardChart which, const ChartSeries& series);

    // Redraws every chart and figure from the rows now.
    void redraw();

private:
    void updateHeadline();

    std::vector<IntervalRow> m_rows;
    HeadlineStrip* m_headline = nullptr;
    std::array<TimeSeriesChart*, kDashboardChartCount> m_charts{};
    QTimer m_redrawTimer;
};

} // namespace perflab

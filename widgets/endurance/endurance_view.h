// The endurance view: any stored run, up to and past 72 hours, from the store's tiers on one time axis
// (latency percentiles, throughput, errors, RSS, CPU), zoomed with the wheel, panned by dragging, with run
// events as markers and the RSS trend's leak verdict. The store service reads; this widget only paints.
#pragma once

#include "model/store/endurance_slice.h"
#include "widgets/endurance/endurance_charts.h"

#include <QWidget>

#include <cstdint>
#include <optional>

class QLabel;
class QPushButton;

namespace perflab {

class EnduranceOverlay;
class StoreRequests;

class EnduranceView : public QWidget {
    Q_OBJECT
public:
    explicit EnduranceView(StoreRequests& store, QWidget* parent = nullptr);
    ~EnduranceView() override;

    // Opens a run of the store: its whole span at first.
    void showRun(std::int64_t runId);
    void resetZoom();
    // `factor` < 1 zooms in; the time at anchorMs stays where it is on screen.
    void zoom(std::int64_t anchorMs, double factor);
    void pan(std::int64_t deltaMs);

    std::int64_t runId() const noexcept { return m_shownRun; } // 0 until a run is shown
    bool isLoading() const noexcept { return m_reading; }
    const TimeWindow& visibleWindow() const noexcept { return m_window; }
    const TimeWindow& extent() const noexcept { return m_extent; }
    QString headerText() const;
    // The leak verdict and the projected time to the memory limit; empty for a run that ended too short for
    // one.
    QString trendText() const;
    TimeSeriesChart* chart(EnduranceChart which) const { return m_charts[static_cast<std::size_t>(which)]; }
    EnduranceOverlay* overlay() const noexcept { return m_overlay; }

    static constexpr std::int64_t kMinimumSpanMs = 60'000;

signals:
    void sliceShown(std::int64_t runId, const perflab::TimeWindow& window);
    void loadingChanged(bool loading);

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void request(std::optional<TimeWindow> window, bool withRunDetails);
    void showSlice(const EnduranceSlice& slice);
    void showRunDetails(const EnduranceSlice& slice);
    void showTrendText(const QString& text); // hidden when empty
    void moveTo(const TimeWindow& window);
    void setLoading(bool loading, const QString& text = {});
    std::size_t plotColumns() const;

    StoreRequests& m_store;
    QLabel* m_header = nullptr;
    QLabel* m_span = nullptr;
    QLabel* m_loading = nullptr;
    QLabel* m_trend = nullptr;
    QPushButton* m_reset = nullptr;
    QWidget* m_plots = nullptr;
    EnduranceCharts m_charts{};
    EnduranceOverlay* m_overlay = nullptr;

    std::int64_t m_requestedRun = 0;
    std::int64_t m_shownRun = 0;
    std::optional<RunInfo> m_run;
    TimeWindow m_extent;
    TimeWindow m_window;
    RunTrend m_runTrend;
    std::optional<TrendLine> m_trendLine;
    std::size_t m_columnsRead = 0;
    bool m_reading = false; // the answer to the last request is still to come
};

} // namespace perflab

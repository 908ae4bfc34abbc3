// The Compare page: two stored runs side by side. Throughput x, mean/p95/p99 change, error rates and
// resources in a table, both percentile spectra overlaid on the HDR plot, and the verdict at a tolerance.
#pragma once

#include "model/results/comparison.h"
#include "model/store/run_history.h"
#include "model/store/run_report.h"

#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace perflab {

class StoreRequests;
class XyChart;

class ComparePage : public QWidget {
    Q_OBJECT
public:
    explicit ComparePage(StoreRequests& store, QWidget* parent = nullptr);

    // The runs to pick from. An empty pick defaults to the marked baseline and the newest other run.
    void setRuns(const std::vector<RunHistoryEntry>& runs);
    // Picks both runs and reads them (on a worker); comparisonShown() follows.
    void compare(std::int64_t baselineId, std::int64_t candidateId);

    std::optional<Comparison> comparison() const { return m_comparison; }
    QString verdictText() const;
    QComboBox* baselineBox() const noexcept { return m_baselineBox; }
    QComboBox* candidateBox() const noexcept { return m_candidateBox; }
    QDoubleSpinBox* toleranceBox() const noexcept { return m_tolerance; }
    QTableWidget* figureTable() const noexcept { return m_figures; }
    QTableWidget* runTable() const noexcept { return m_runs; }
    XyChart* spectra() const noexcept { return m_spectra; }

signals:
    void comparisonShown();

private:
    void load();
    void showRuns(std::shared_ptr<const RunReport> baseline, std::shared_ptr<const RunReport> candidate);
    void showComparison();
    void showMessage(const QString& message);
    void fillRunTable();
    std::optional<std::int64_t> picked(const QComboBox* box) const;

    StoreRequests& m_store;
    QComboBox* m_baselineBox;
    QComboBox* m_candidateBox;
    QDoubleSpinBox* m_tolerance;
    QLabel* m_verdict;
    QLabel* m_verdictDetail;
    QTableWidget* m_figures;
    QTableWidget* m_runs;
    XyChart* m_spectra;
    std::shared_ptr<const RunReport> m_baseline;
    std::shared_ptr<const RunReport> m_candidate;
    std::optional<Comparison> m_comparison;
};

} // namespace perflab

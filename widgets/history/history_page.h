// The History page: the table of stored runs, sortable and filterable, with open, rename, delete, mark as
// baseline and compare with the baseline.
#pragma once

#include <QWidget>

#include <cstdint>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace perflab {

class RunHistoryFilter;
class RunHistoryModel;
class StoreRequests;

class HistoryPage : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPage(StoreRequests& store, QWidget* parent = nullptr);

    RunHistoryModel* model() const noexcept { return m_model; }
    RunHistoryFilter* filter() const noexcept { return m_filter; }
    QTableView* table() const noexcept { return m_table; }
    QLineEdit* filterField() const noexcept { return m_filterField; }
    // The last refusal or failure shown above the table; empty when all went well.
    QString notice() const;
    std::optional<std::int64_t> selectedRun() const;
    void selectRun(std::int64_t runId);

    void refresh();
    void openSelected();
    void renameSelected();
    // A finished run is deleted after a confirmation; a running one is refused with the store's reason.
    void deleteSelected();
    void markSelectedAsBaseline();
    void compareSelectedWithBaseline();

signals:
    void openRequested(std::int64_t runId);
    void compareRequested(std::int64_t baselineId, std::int64_t candidateId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showNotice(const QString& message);
    void updateActions();
    void restoreSelection();
    void fitColumns();

    RunHistoryModel* m_model;
    RunHistoryFilter* m_filter;
    QLineEdit* m_filterField;
    QLabel* m_count;
    QLabel* m_notice;
    QTableView* m_table;
    QPushButton* m_open;
    QPushButton* m_compare;
    QPushButton* m_baseline;
    QPushButton* m_rename;
    QPushButton* m_delete;
    std::optional<std::int64_t> m_selected; // kept across refreshes, which reset the table
};

} // namespace perflab

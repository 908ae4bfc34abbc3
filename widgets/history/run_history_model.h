// The History table: a Qt item model over the store's runs (model/store/run_history.h). Reads and changes
// (rename, delete, baseline) are asked of the store service; each is answered by a fresh snapshot of the
// history.
#pragma once

#include "model/store/run_history.h"

#include <QAbstractTableModel>

#include <optional>
#include <string>
#include <vector>

namespace perflab {

class StoreRequests;

class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Name,
        Kind,
        Target,
        Status,
        Started,
        Duration,
        Requests,
        P95,
        ErrorRate,
        Verdict,
        Baseline
    };
    static constexpr int kColumnCount = Baseline + 1;
    // Raw values to sort by (numbers, times), where the display role holds formatted text.
    static constexpr int SortRole = Qt::UserRole;

    explicit RunHistoryModel(StoreRequests& store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Editing the name renames the run in the store (shown at once, confirmed by the next snapshot).
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    const std::vector<RunHistoryEntry>& entries() const noexcept { return m_entries; }
    const RunHistoryEntry& entry(int row) const { return m_entries.at(static_cast<std::size_t>(row)); }
    std::optional<int> rowOf(std::int64_t runId) const;
    std::optional<std::int64_t> baselineRun() const;
    bool isBusy() const noexcept { return m_pending > 0; }

    void refresh();
    // The store refuses to delete a running run; its reason arrives through failed().
    void deleteRun(std::int64_t runId);
    void markBaseline(std::int64_t runId);

signals:
    void refreshed();
    void failed(const QString& message);

private:
    void show(const std::vector<RunHistoryEntry>& entries);
    // Counts an answer; true when it was the last one awaited (older snapshots are not worth showing).
    bool answered();

    StoreRequests& m_store;
    std::vector<RunHistoryEntry> m_entries;
    int m_pending = 0; // requests not answered yet: the store answers each, in the order asked
};

} // namespace perflab

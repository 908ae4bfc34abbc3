// The History table: a Qt item model over the store's runs (model/store/run_history.h). Reads and changes
// (rename, delete, baseline) run on a worker thread; each hands back a fresh snapshot of the history.
#pragma once

#include "model/store/run_history.h"

#include <QAbstractTableModel>
#include <QThreadPool>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace perflab {

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

    explicit RunHistoryModel(std::filesystem::path store, QObject* parent = nullptr);
    ~RunHistoryModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Editing the name renames the run in the store (shown at once, confirmed by the next snapshot).
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    const std::filesystem::path& storePath() const noexcept { return m_path; }
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
    // Runs `change` on the worker with the store open for writing, then reads the history afresh.
    void submit(std::function<void(RunStore&)> change);
    // entries: none when the read failed (the table keeps what it shows) or was skipped.
    void deliver(std::uint64_t generation, std::optional<std::vector<RunHistoryEntry>> entries,
                 const QString& problem);

    std::filesystem::path m_path;
    std::vector<RunHistoryEntry> m_entries;
    QThreadPool m_pool;                // one thread: changes and reads happen in the order asked
    std::shared_ptr<RunStore> m_store; // opened on the worker by the first task, used by the worker only
    std::atomic<std::uint64_t> m_generation{0};
    int m_pending = 0;
};

} // namespace perflab

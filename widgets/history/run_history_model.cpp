// RunHistoryModel: every request is answered by a snapshot of the history that replaces the table's rows,
// unless a newer request has been made since.
#include "widgets/history/run_history_model.h"

#include "model/format/figure_format.h"
#include "widgets/charts/chart_style.h"
#include "widgets/jobs/store_requests.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace perflab {
namespace {

QColor verdictColor(ComparisonVerdict verdict) {
    switch (verdict) {
    case ComparisonVerdict::Improved:
        return {0x2e, 0x7d, 0x32};
    case ComparisonVerdict::Regression:
        return {0xc6, 0x28, 0x28};
    case ComparisonVerdict::NoChange:
    case ComparisonVerdict::NotComparable:
        break;
    }
    return {0x54, 0x6e, 0x7a};
}

bool hasFigures(const RunHistoryEntry& e) {
    return e.summary.counts.requests > 0;
}

QVariant display(const RunHistoryEntry& e, int column) {
    switch (column) {
    case RunHistoryModel::Id:
        return QString::number(e.run.id);
    case RunHistoryModel::Name:
        return QString::fromStdString(e.run.name);
    case RunHistoryModel::Kind:
        return QString::fromUtf8(toString(e.run.kind));
    case RunHistoryModel::Target:
        return e.target.empty() ? QStringLiteral("—") : QString::fromStdString(e.target);
    case RunHistoryModel::Status:
        return QString::fromUtf8(toString(e.run.status));
    case RunHistoryModel::Started:
        return QDateTime::fromMSecsSinceEpoch(e.run.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case RunHistoryModel::Duration:
        return QString::fromStdString(formatDurationS(e.summary.durationS));
    case RunHistoryModel::Requests:
        return QString::fromStdString(formatCount(e.summary.counts.requests));
    case RunHistoryModel::P95:
        return hasFigures(e) ? QString::fromStdString(formatMs(e.summary.latency.p95)) : QStringLiteral("—");
    case RunHistoryModel::ErrorRate:
        return hasFigures(e) ? QString::fromStdString(formatRatePercent(e.summary.errorRate))
                             : QStringLiteral("—");
    case RunHistoryModel::Verdict:
        return e.verdict ? QString::fromStdString(std::string(toString(*e.verdict))) : QString();
    case RunHistoryModel::Baseline:
        return e.run.baseline ? QStringLiteral("★ baseline") : QString();
    }
    return {};
}

QVariant sortKey(const RunHistoryEntry& e, int column) {
    switch (column) {
    case RunHistoryModel::Id:
        return QVariant::fromValue<qlonglong>(e.run.id);
    case RunHistoryModel::Started:
        return QVariant::fromValue<qlonglong>(e.run.startedMs);
    case RunHistoryModel::Duration:
        return e.summary.durationS;
    case RunHistoryModel::Requests:
        return QVariant::fromValue<qulonglong>(e.summary.counts.requests);
    case RunHistoryModel::P95:
        return e.summary.latency.p95;
    case RunHistoryModel::ErrorRate:
        return e.summary.errorRate;
    case RunHistoryModel::Verdict:
        return e.verdict ? static_cast<int>(*e.verdict) : -1;
    case RunHistoryModel::Baseline:
        return e.run.baseline;
    default:
        return display(e, column).toString().toLower();
    }
}

bool isNumeric(int column) {
    return column == RunHistoryModel::Id || column == RunHistoryModel::Duration ||
           column == RunHistoryModel::Requests || column == RunHistoryModel::P95 ||
           column == RunHistoryModel::ErrorRate;
}

// Numbers right, verdict and baseline mark centred (they follow the numbers), words left.
Qt::Alignment horizontalAlignment(int column) {
    if (isNumeric(column))
        return Qt::AlignRight;
    if (column == RunHistoryModel::Verdict || column == RunHistoryModel::Baseline)
        return Qt::AlignHCenter;
    return Qt::AlignLeft;
}

} // namespace

RunHistoryModel::RunHistoryModel(StoreRequests& store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store) {
    connect(&m_store, &StoreRequests::historyRead, this, &RunHistoryModel::show);
    connect(&m_store, &StoreRequests::historyFailed, this, [this](const QString& message) {
        answered();
        emit failed(tr("Could not read the runs: %1").arg(message));
    });
    connect(&m_store, &StoreRequests::changeRefused, this, &RunHistoryModel::failed);
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int RunHistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RunHistoryEntry& e = entry(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return display(e, column);
    case SortRole:
        return sortKey(e, column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (isNumeric(column)    ? Qt::AlignRight
                                                       : column == Baseline ? Qt::AlignHCenter
                                                                            : Qt::AlignLeft));
    case Qt::ForegroundRole:
        if (column == Status)
            return QBrush(statusColor(e.run.status));
        if (column == Verdict && e.verdict)
            return QBrush(verdictColor(*e.verdict));
        if (column == Baseline)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        return {};
    case Qt::ToolTipRole:
        if (column == Verdict && e.verdict)
            return tr("Against the baseline run at %1 % tolerance").arg(kDefaultTolerancePercent);
        if (column == Name)
            return tr("%1\nF2 renames it; Enter or a double click opens it on the dashboard")
                .arg(QString::fromStdString(e.run.name));
        return {};
    default:
        return {};
    }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignVCenter | horizontalAlignment(section));
    if (role != Qt::DisplayRole)
        return {};
    static const char* const titles[kColumnCount] = {"Run",    "Name",    "Kind",     "Target",
                                                     "Status", "Started", "Duration", "Requests",
                                                     "p95 ms", "Error %", "Verdict",  "Baseline"};
    return section >= 0 && section < kColumnCount ? tr(titles[section]) : QVariant();
}

Qt::ItemFlags RunHistoryModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Name)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RunHistoryModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Name || role != Qt::EditRole)
        return false;
    const QString name = value.toString().trimmed();
    RunHistoryEntry& e = m_entries.at(static_cast<std::size_t>(index.row()));
    if (name.isEmpty()) {
        emit failed(tr("Run %1 keeps its name: a name cannot be empty.").arg(e.run.id));
        return false;
    }
    if (name == QString::fromStdString(e.run.name))
        return true;
    e.run.name = name.toStdString();
    emit dataChanged(index, index);
    ++m_pending;
    m_store.renameRun(e.run.id, e.run.name);
    return true;
}

std::optional<int> RunHistoryModel::rowOf(std::int64_t runId) const {
    for (std::size_t row = 0; row < m_entries.size(); ++row)
        if (m_entries[row].run.id == runId)
            return static_cast<int>(row);
    return std::nullopt;
}

std::optional<std::int64_t> RunHistoryModel::baselineRun() const {
    for (const RunHistoryEntry& e : m_entries)
        if (e.run.baseline)
            return e.run.id;
    return std::nullopt;
}

void RunHistoryModel::refresh() {
    ++m_pending;
    m_store.readHistory();
}

void RunHistoryModel::deleteRun(std::int64_t runId) {
    ++m_pending;
    m_store.deleteRun(runId);
}

void RunHistoryModel::markBaseline(std::int64_t runId) {
    ++m_pending;
    m_store.markBaseline(runId);
}

bool RunHistoryModel::answered() {
    if (m_pending > 0)
        --m_pending;
    return m_pending == 0;
}

void RunHistoryModel::show(const std::vector<RunHistoryEntry>& entries) {
    if (!answered())
        return;
    beginResetModel();
    m_entries = entries;
    endResetModel();
    emit refreshed();
}

} // namespace perflab

// RunHistoryFilter: word-by-word matching over the name, kind and status columns.
#include "widgets/history/run_history_filter.h"

#include "widgets/history/run_history_model.h"

namespace perflab {

RunHistoryFilter::RunHistoryFilter(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(RunHistoryModel::SortRole);
    setDynamicSortFilter(true);
}

void RunHistoryFilter::setFilterText(const QString& text) {
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

bool RunHistoryFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_words.isEmpty())
        return true;
    QString haystack;
    for (int column : {RunHistoryModel::Name, RunHistoryModel::Kind, RunHistoryModel::Status})
        haystack +=
            sourceModel()->index(sourceRow, column, sourceParent).data().toString() + QLatin1Char('\n');
    for (const QString& word : m_words)
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace perflab

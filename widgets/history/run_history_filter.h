// The History table's sort and filter: sorts by the model's raw values and keeps the runs whose name, kind
// or status hold every word of the filter text.
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace perflab {

class RunHistoryFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunHistoryFilter(QObject* parent = nullptr);

    // "soak failed" keeps failed soak runs; case does not matter; empty keeps every run.
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QStringList m_words;
};

} // namespace perflab

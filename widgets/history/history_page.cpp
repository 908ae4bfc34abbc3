// HistoryPage: a filter bar and action buttons over a QTableView of RunHistoryModel through RunHistoryFilter.
#include "widgets/history/history_page.h"

#include "widgets/history/run_history_filter.h"
#include "widgets/history/run_history_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace perflab {

HistoryPage::HistoryPage(StoreRequests& store, QWidget* parent)
    : QWidget(parent)
    , m_model(new RunHistoryModel(store, this))
    , m_filter(new RunHistoryFilter(this))
    , m_filterField(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_table(new QTableView(this))
    , m_open(new QPushButton(tr("Open"), this))
    , m_compare(new QPushButton(tr("Compare with baseline"), this))
    , m_baseline(new QPushButton(tr("Mark as baseline"), this))
    , m_rename(new QPushButton(tr("Rename"), this))
    , m_delete(new QPushButton(tr("Delete"), this)) {
    m_filter->setSourceModel(m_model);
    m_filterField->setPlaceholderText(tr("Filter by name, kind or status (e.g. \"soak failed\")"));
    m_filterField->setToolTip(tr("Esc clears the filter"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->setMinimumWidth(360);
    m_count->setStyleSheet(QStringLiteral("color: #546e7a;"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8e1c1c; border: 1px solid "
                                           "#f5c2c0; border-radius: 3px; padding: 6px 10px; }"));
    m_notice->hide();

    m_open->setToolTip(tr("Show the run on the dashboard (Enter or double click)"));
    m_compare->setToolTip(tr("Compare the selected run with the baseline run on the Compare page"));
    m_baseline->setToolTip(tr("Make this run the store's baseline; comparisons default to it"));
    m_rename->setToolTip(tr("Rename the run (F2)"));
    m_delete->setToolTip(tr("Delete the run and everything stored of it (Delete)"));

    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunHistoryModel::Id, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(28);
    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RunHistoryModel::Name, QHeaderView::Stretch);
    header->setMinimumSectionSize(60);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filterField);
    bar->addWidget(m_count);
    bar->addStretch(1);
    for (QPushButton* button : {m_open, m_compare, m_baseline, m_rename, m_delete})
        bar->addWidget(button);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(bar);
    layout->addWidget(m_notice);
    layout->addWidget(m_table, 1);

    connect(m_filterField, &QLineEdit::textChanged, m_filter, &RunHistoryFilter::setFilterText);
    connect(m_table, &QAbstractItemView::activated, this, &HistoryPage::openSelected);
    connect(m_open, &QPushButton::clicked, this, &HistoryPage::openSelected);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPage::compareSelectedWithBaseline);
    connect(m_baseline, &QPushButton::clicked, this, &HistoryPage::markSelectedAsBaseline);
    connect(m_rename, &QPushButton::clicked, this, &HistoryPage::renameSelected);
    connect(m_delete, &QPushButton::clicked, this, &HistoryPage::deleteSelected);
    auto* deleteKey = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &HistoryPage::deleteSelected);
    auto* clearKey =
        new QShortcut(QKeySequence(Qt::Key_Escape), m_filterField, nullptr, nullptr, Qt::WidgetShortcut);
    connect(clearKey, &QShortcut::activated, m_filterField, &QLineEdit::clear);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (const auto id = selectedRun())
            m_selected = id;
        updateActions();
    });
    connect(m_model, &RunHistoryModel::failed, this, &HistoryPage::showNotice);
    connect(m_model, &RunHistoryModel::refreshed, this, &HistoryPage::restoreSelection);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &HistoryPage::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &HistoryPage::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &HistoryPage::updateActions);
    updateActions();
}

QString HistoryPage::notice() const {
    return m_notice->isHidden() ? QString() : m_notice->text();
}

std::optional<std::int64_t> HistoryPage::selectedRun() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->entry(m_filter->mapToSource(rows.front()).row()).run.id;
}

void HistoryPage::selectRun(std::int64_t runId) {
    const auto row = m_model->rowOf(runId);
    if (!row)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(*row, RunHistoryModel::Name));
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void HistoryPage::refresh() {
    m_model->refresh();
}

void HistoryPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh(); // runs may have finished or been added by other processes since
}

void HistoryPage::openSelected() {
    if (const auto id = selectedRun())
        emit openRequested(*id);
}

void HistoryPage::renameSelected() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(RunHistoryModel::Name);
    if (!rows.isEmpty())
        m_table->edit(rows.front());
}

void HistoryPage::deleteSelected() {
    const auto id = selectedRun();
    if (!id)
        return;
    const RunHistoryEntry& e = m_model->entry(*m_model->rowOf(*id));
    if (e.run.status == RunStatus::Running) {
        m_model->deleteRun(*id); // nothing to confirm: the store refuses, and its reason is the notice
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete run"),
                                tr("Delete run %1 \"%2\" and everything stored of it (seconds, histograms, "
                                   "events, profiles)? This cannot be undone.")
                                    .arg(*id)
                                    .arg(QString::fromStdString(e.run.name)),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, id = *id] {
        m_notice->hide();
        m_model->deleteRun(id);
    });
    box->open();
}

void HistoryPage::markSelectedAsBaseline() {
    if (const auto id = selectedRun()) {
        m_notice->hide();
        m_model->markBaseline(*id);
    }
}

void HistoryPage::compareSelectedWithBaseline() {
    const auto id = selectedRun();
    if (!id)
        return;
    const auto baseline = m_model->baselineRun();
    if (!baseline)
        return showNotice(tr("No run is marked as the baseline yet: select one and click Mark as baseline."));
    emit compareRequested(*baseline, *id);
}

void HistoryPage::showNotice(const QString& message) {
    m_notice->setText(message);
    m_notice->show();
}

void HistoryPage::fitColumns() {
    // Contents, plus a gap before right-aligned and centred text so it never touches the previous column's;
    // the user may still drag them wider.
    QHeaderView* header = m_table->horizontalHeader();
    for (int column = 0; column < RunHistoryModel::kColumnCount; ++column) {
        if (column == RunHistoryModel::Name)
            continue;
        m_table->resizeColumnToContents(column);
        const auto alignment =
            m_model->headerData(column, Qt::Horizontal, Qt::TextAlignmentRole).value<Qt::Alignment>();
        if (!(alignment & Qt::AlignLeft))
            header->resizeSection(column, header->sectionSize(column) + 16);
    }
}

void HistoryPage::restoreSelection() {
    fitColumns();
    if (m_selected)
        selectRun(*m_selected);
    updateActions();
}

void HistoryPage::updateActions() {
    const auto id = selectedRun();
    const auto baseline = m_model->baselineRun();
    for (QPushButton* button : {m_open, m_rename, m_delete})
        button->setEnabled(id.has_value());
    m_baseline->setEnabled(id && id != baseline);
    m_compare->setEnabled(id && id != baseline);
    m_count->setText(m_filter->rowCount() == m_model->rowCount()
                         ? tr("%n run(s)", nullptr, m_model->rowCount())
                         : tr("%1 of %n run(s)", nullptr, m_model->rowCount()).arg(m_filter->rowCount()));
}

} // namespace perflab

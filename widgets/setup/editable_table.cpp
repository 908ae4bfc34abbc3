// EditableTable: text cells are table items; choice cells are combo boxes set as cell widgets.
#include "widgets/setup/editable_table.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace perflab {

EditableTable::EditableTable(std::vector<Column> columns, QWidget* parent)
    : QWidget(parent)
    , m_columns(std::move(columns))
    , m_table(new QTableWidget(0, static_cast<int>(m_columns.size()), this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Up"), this))
    , m_down(new QPushButton(tr("Down"), this)) {
    for (int c = 0; c < static_cast<int>(m_columns.size()); ++c) {
        auto* header = new QTableWidgetItem(m_columns[c].title);
        header->setToolTip(m_columns[c].toolTip);
        m_table->setHorizontalHeaderItem(c, header);
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked |
                             QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_add->setToolTip(tr("Add a row after the last one, copying it"));
    m_remove->setToolTip(tr("Remove the selected row"));
    m_up->setToolTip(tr("Move the selected row up"));
    m_down->setToolTip(tr("Move the selected row down"));

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    for (QPushButton* button : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &EditableTable::addRow);
    connect(m_remove, &QPushButton::clicked, this, &EditableTable::removeCurrentRow);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrentRow(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrentRow(1); });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            emit edited();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, &EditableTable::updateButtons);
    updateButtons();
}

int EditableTable::rowCount() const {
    return m_table->rowCount();
}

QString EditableTable::text(int row, int column) const {
    if (auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, column)))
        return combo->currentText();
    const QTableWidgetItem* item = m_table->item(row, column);
    return item ? item->text() : QString();
}

QStringList EditableTable::rowTexts(int row) const {
    QStringList cells;
    for (int c = 0; c < m_table->columnCount(); ++c)
        cells << text(row, c);
    return cells;
}

void EditableTable::setRow(int row, const QStringList& cells) {
    m_filling = true;
    for (int c = 0; c < m_table->columnCount(); ++c) {
        const QString value = c < cells.size() ? cells[c] : QString();
        const Column& column = m_columns[c];
        if (column.choices.isEmpty()) {
            auto* item = new QTableWidgetItem(value);
            item->setToolTip(column.toolTip);
            m_table->setItem(row, c, item);
            continue;
        }
        auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, c));
        if (!combo) {
            combo = new QComboBox(m_table);
            combo->addItems(column.choices);
            combo->setToolTip(column.toolTip);
            combo->setFrame(false);
            m_table->setCellWidget(row, c, combo);
            connect(combo, &QComboBox::currentIndexChanged, this, [this] {
                if (!m_filling)
                    emit edited();
            });
        }
        combo->setCurrentText(value);
    }
    m_filling = false;
}

void EditableTable::setRows(const std::vector<QStringList>& rows) {
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r)
        setRow(r, rows[static_cast<std::size_t>(r)]);
    updateButtons();
}

void EditableTable::addRow() {
    const int row = m_table->rowCount();
    QStringList cells;
    if (row > 0)
        cells = rowTexts(row - 1);
    else
        for (const Column& column : m_columns)
            cells << column.initial;
    m_table->insertRow(row);
    setRow(row, cells);
    m_table->setCurrentCell(row, 0);
    updateButtons();
    emit edited();
}

void EditableTable::removeCurrentRow() {
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    updateButtons();
    emit edited();
}

void EditableTable::moveCurrentRow(int offset) {
    const int row = m_table->currentRow();
    const int to = row + offset;
    if (row < 0 || to < 0 || to >= m_table->rowCount())
        return;
    const QStringList moving = rowTexts(row);
    setRow(row, rowTexts(to));
    setRow(to, moving);
    m_table->setCurrentCell(to, std::max(0, m_table->currentColumn()));
    emit edited();
}

void EditableTable::markRow(int row) {
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QBrush problem(dark ? QColor(0x5c, 0x1f, 0x1f) : QColor(0xfd, 0xe0, 0xe0));
    m_filling = true;
    for (int r = 0; r < m_table->rowCount(); ++r)
        for (int c = 0; c < m_table->columnCount(); ++c)
            if (QTableWidgetItem* item = m_table->item(r, c))
                item->setBackground(r == row ? problem : QBrush());
    m_filling = false;
}

void EditableTable::updateButtons() {
    const int row = m_table->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_table->rowCount());
}

} // namespace perflab

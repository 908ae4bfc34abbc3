// A table of rows the user adds, removes and reorders (scenario stages, faults), with its buttons.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QPushButton;
class QTableWidget;

namespace perflab {

class EditableTable : public QWidget {
    Q_OBJECT
public:
    struct Column {
        QString title;
        QString toolTip;
        QStringList choices; // not empty: the cell is a drop-down of these
        QString initial;     // what a new first row holds
    };

    EditableTable(std::vector<Column> columns, QWidget* parent = nullptr);

    int rowCount() const;
    QString text(int row, int column) const;
    void setRows(const std::vector<QStringList>& rows);
    // Appends a row: a copy of the last one, or the columns' initial values when empty.
    void addRow();
    void removeCurrentRow();
    // Moves the current row by `offset` (-1 up, +1 down), keeping it current.
    void moveCurrentRow(int offset);
    // Tints the row a problem is in (-1: none).
    void markRow(int row);
    QTableWidget* table() const noexcept { return m_table; }

signals:
    void edited();

private:
    void setRow(int row, const QStringList& cells);
    QStringList rowTexts(int row) const;
    void updateButtons();

    std::vector<Column> m_columns;
    QTableWidget* m_table = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
    bool m_filling = false; // programmatic changes are not user edits
};

} // namespace perflab

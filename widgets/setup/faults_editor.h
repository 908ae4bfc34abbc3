// Test setup, faults: what happens to the integration engine's upstream and when (dependency-failure tests).
#pragma once

#include <QJsonArray>
#include <QWidget>

namespace perflab {

class EditableTable;
class FieldErrors;

class FaultsEditor : public QWidget {
    Q_OBJECT
public:
    FaultsEditor(FieldErrors& errors, QWidget* parent = nullptr);

    // The "faults" array of a scenario file.
    QJsonArray json() const;
    void load(const QJsonArray& faults);
    EditableTable* table() const noexcept { return m_table; }

signals:
    void edited();

private:
    EditableTable* m_table = nullptr;
};

} // namespace perflab

// Test setup, workload: the model (virtual users or arrival rate), its pacing options, and the stages in an
// editable table beside a preview of the planned load over time.
#pragma once

#include <QJsonObject>
#include <QPointF>
#include <QWidget>

#include <vector>

class QComboBox;
class QFormLayout;
class QLineEdit;

namespace perflab {

class EditableTable;
class FieldErrors;
class XyChart;

class WorkloadEditor : public QWidget {
    Q_OBJECT
public:
    WorkloadEditor(FieldErrors& errors, QWidget* parent = nullptr);

    // The "workload" object of a scenario file (threads kept from the last load()).
    QJsonObject json() const;
    void load(const QJsonObject& workload);

    EditableTable* stages() const noexcept { return m_stages; }
    XyChart* preview() const noexcept { return m_preview; }
    // The planned load as the preview draws it: (seconds from the start, users or requests per second), one
    // point per stage boundary, up to the first row that does not read as a stage.
    std::vector<QPointF> plannedLoad() const;

signals:
    void edited();

private:
    QWidget* makeOptions(FieldErrors& errors);
    bool isArrivalRate() const;
    void updateModelRows();
    void updatePreview();

    QComboBox* m_model = nullptr;
    QLineEdit* m_thinkTime = nullptr;
    QLineEdit* m_pacing = nullptr;
    QComboBox* m_arrivals = nullptr;
    QLineEdit* m_maxVus = nullptr;
    QFormLayout* m_form = nullptr;
    EditableTable* m_stages = nullptr;
    XyChart* m_preview = nullptr;
    QJsonObject m_kept;
};

} // namespace perflab

// Test setup, profiler: sample the engine's stacks during the run, and how often.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QLineEdit;

namespace perflab {

class FieldErrors;

class ProfilerEditor : public QWidget {
    Q_OBJECT
public:
    ProfilerEditor(FieldErrors& errors, QWidget* parent = nullptr);

    // The "profile" object of a scenario file; empty when profiling is off at the default rate.
    QJsonObject json() const;
    void load(const QJsonObject& profile);

signals:
    void edited();

private:
    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_hz = nullptr;
};

} // namespace perflab

// Test setup: a minimal form (engine, variant, via, virtual users, ramp-up, duration) with Run and Stop.
#pragma once

#include "model/scenario.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace perflab {

class ControlPanel : public QWidget {
    Q_OBJECT
public:
    explicit ControlPanel(QWidget* parent = nullptr);

    // The scenario the form describes: a closed-model load test against one hosted engine.
    Scenario scenario() const;
    // Enables Run while idle and Stop while a run is going.
    void setRunning(bool running);

signals:
    void runRequested(const perflab::Scenario& scenario);
    void stopRequested();

private:
    QLineEdit* m_name = nullptr;
    QComboBox* m_engine = nullptr;
    QComboBox* m_variant = nullptr;
    QComboBox* m_via = nullptr;
    QSpinBox* m_users = nullptr;
    QSpinBox* m_rampUp = nullptr;
    QSpinBox* m_duration = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_stop = nullptr;
};

} // namespace perflab

// Test setup: the scenario form (kind, target, workload and stages with a preview, SLOs, faults, profiler),
// validated as the user types by the CLI's own parser, with Run, Stop and Abort, and scenario files.
#pragma once

#include "model/scenario/scenario.h"
#include "widgets/setup/target_editor.h"

#include <QJsonObject>
#include <QString>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;

namespace perflab {

class FaultsEditor;
class FieldErrors;
class ProfilerEditor;
class SloEditor;
class WorkloadEditor;

class ControlPanel : public QWidget {
    Q_OBJECT
public:
    explicit ControlPanel(QWidget* parent = nullptr);
    ~ControlPanel() override;

    void setEngines(const std::vector<EngineChoice>& engines);

    // The scenario the form describes, when the parser accepts it.
    const std::optional<Scenario>& scenario() const noexcept { return m_scenario; }
    bool isValid() const noexcept { return m_scenario.has_value(); }
    // The parser's verdict on the form: empty when valid, else "key.path: problem".
    QString problem() const { return m_problem; }
    // The scenario file the form describes, valid or not.
    QString documentText() const;

    void setScenario(const Scenario& scenario);
    // Reads a scenario file as the CLI does; on any problem returns the parser's message and changes nothing.
    std::optional<QString> openFile(const QString& path);
    // Writes the form's scenario in the CLI's file form; fails while the form is invalid.
    std::optional<QString> saveFile(const QString& path) const;

    // Run: emits runRequested with the scenario, after a confirmation for soaks and runs over an hour.
    void requestRun();
    // Enables Run while idle (and valid), Stop and Abort while a run is going.
    void setRunning(bool running);
    // The open long-run confirmation, if any (it is window-modal, never blocking the event loop).
    QMessageBox* confirmation() const noexcept { return m_confirmation; }

    TargetEditor* targetEditor() const noexcept { return m_target; }
    WorkloadEditor* workloadEditor() const noexcept { return m_workload; }
    SloEditor* sloEditor() const noexcept { return m_slo; }
    FaultsEditor* faultsEditor() const noexcept { return m_faults; }
    ProfilerEditor* profilerEditor() const noexcept { return m_profiler; }
    QLineEdit* nameField() const noexcept { return m_name; }
    QComboBox* kindField() const noexcept { return m_kind; }
    QPushButton* runButton() const noexcept { return m_run; }

signals:
    void runRequested(const perflab::Scenario& scenario);
    void stopRequested();
    void abortRequested();
    void validityChanged(bool valid);

private:
    QWidget* makeSettingsColumn(QWidget* parent);
    QWidget* makePlanColumn(QWidget* parent);
    QWidget* makeButtonRow();
    QJsonObject document() const;
    void validate();
    void updateButtons();

    std::unique_ptr<FieldErrors> m_errors;
    QLineEdit* m_name = nullptr;
    QComboBox* m_kind = nullptr;
    TargetEditor* m_target = nullptr;
    WorkloadEditor* m_workload = nullptr;
    SloEditor* m_slo = nullptr;
    FaultsEditor* m_faults = nullptr;
    ProfilerEditor* m_profiler = nullptr;
    QLabel* m_verdict = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_abort = nullptr;
    QMessageBox* m_confirmation = nullptr;
    std::optional<Scenario> m_scenario;
    QString m_problem;
    bool m_running = false;
};

} // namespace perflab

// ControlPanel: every edit rebuilds the scenario document and hands it to parseScenario; a ScenarioError's
// key path picks the field that shows the problem.
#include "widgets/setup/control_panel.h"

#include "widgets/setup/faults_editor.h"
#include "widgets/setup/field_errors.h"
#include "widgets/setup/long_run_confirmation.h"
#include "widgets/setup/profiler_editor.h"
#include "widgets/setup/slo_editor.h"
#include "widgets/setup/workload_editor.h"
#include "widgets/window/run_end_questions.h"

#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace perflab {
namespace {

const QString kFormSource = QStringLiteral("Test setup");

struct KindChoice {
    TestKind kind;
    const char* toolTip;
};

constexpr KindChoice kKinds[] = {
    {TestKind::Load, QT_TRANSLATE_NOOP("ControlPanel", "The expected load: does the system meet its SLOs?")},
    {TestKind::Stress, QT_TRANSLATE_NOOP("ControlPanel", "Past the expected load, to find where it breaks")},
    {TestKind::Soak, QT_TRANSLATE_NOOP("ControlPanel", "A steady load for hours or days: leaks and drift")},
    {TestKind::Spike, QT_TRANSLATE_NOOP("ControlPanel", "A sudden burst, and how fast the system recovers")},
    {TestKind::DependencyFailure,
     QT_TRANSLATE_NOOP("ControlPanel", "Load while the upstream fails: timeouts, retries, fallbacks")},
};

QGroupBox* group(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

// The problem without the "source: key.path: " prefix the exception's text carries.
QString problemOnly(const ScenarioError& error) {
    QString text = QString::fromUtf8(error.what());
    QString prefix = QString::fromStdString(error.source()) + QStringLiteral(": ");
    if (!error.keyPath().empty())
        prefix += QString::fromStdString(error.keyPath()) + QStringLiteral(": ");
    return text.startsWith(prefix) ? text.mid(prefix.size()) : text;
}

} // namespace

ControlPanel::ControlPanel(QWidget* parent)
    : QWidget(parent)
    , m_errors(std::make_unique<FieldErrors>())
    , m_verdict(new QLabel(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_abort(new QPushButton(tr("Abort"), this)) {
    // The form scrolls as a whole when the window is smaller than it (a laptop at 200 %); the buttons stay.
    auto* form = new QWidget(this);
    auto* columns = new QHBoxLayout(form);
    columns->setContentsMargins(12, 12, 12, 0);
    columns->setSpacing(12);
    columns->addWidget(makeSettingsColumn(form));
    columns->addWidget(makePlanColumn(form), 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 8);
    layout->addWidget(scroll, 1);
    layout->addWidget(makeButtonRow());

    connect(m_target, &TargetEditor::edited, this, &ControlPanel::validate);
    connect(m_workload, &WorkloadEditor::edited, this, &ControlPanel::validate);
    connect(m_slo, &SloEditor::edited, this, &ControlPanel::validate);
    connect(m_faults, &FaultsEditor::edited, this, &ControlPanel::validate);
    connect(m_profiler, &ProfilerEditor::edited, this, &ControlPanel::validate);
    connect(m_name, &QLineEdit::textChanged, this, &ControlPanel::validate);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ControlPanel::validate);
    connect(m_run, &QPushButton::clicked, this, &ControlPanel::requestRun);
    connect(m_stop, &QPushButton::clicked, this, &ControlPanel::stopRequested);
    connect(m_abort, &QPushButton::clicked, this, &ControlPanel::abortRequested);
    validate();
}

ControlPanel::~ControlPanel() = default;

QWidget* ControlPanel::makeSettingsColumn(QWidget* parent) {
    auto* column = new QWidget(parent);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 4, 0);

    auto* test = new QWidget(column);
    m_name = new QLineEdit(QStringLiteral("analytics under load"), test);
    m_name->setToolTip(tr("The run's name in the history, reports and comparisons"));
    m_kind = new QComboBox(test);
    for (const KindChoice& kind : kKinds) {
        m_kind->addItem(QString::fromUtf8(toString(kind.kind)));
        m_kind->setItemData(m_kind->count() - 1, tr(kind.toolTip), Qt::ToolTipRole);
    }
    m_kind->setToolTip(tr("What the test is for; a soak asks for confirmation before it starts"));
    auto* form = new QFormLayout(test);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    for (auto [key, field, caption] :
         {std::tuple(QStringLiteral("name"), static_cast<QWidget*>(m_name), tr("Name")),
          std::tuple(QStringLiteral("kind"), static_cast<QWidget*>(m_kind), tr("Kind"))}) {
        QLabel* error = makeErrorLabel(test);
        m_errors->add(key, error);
        form->addRow(caption, withErrorLabel(field, error));
    }

    m_target = new TargetEditor(*m_errors, column);
    m_slo = new SloEditor(*m_errors, column);
    m_profiler = new ProfilerEditor(*m_errors, column);
    layout->addWidget(group(tr("Test"), test, column));
    layout->addWidget(group(tr("Target"), m_target, column));
    layout->addWidget(group(tr("Service level objectives"), m_slo, column));
    layout->addWidget(group(tr("Profiler"), m_profiler, column));
    layout->addStretch(1);
    column->setFixedWidth(460);
    return column;
}

QWidget* ControlPanel::makePlanColumn(QWidget* parent) {
    auto* column = new QWidget(parent);
    m_workload = new WorkloadEditor(*m_errors, column);
    m_faults = new FaultsEditor(*m_errors, column);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group(tr("Workload"), m_workload, column), 3);
    layout->addWidget(group(tr("Faults"), m_faults, column), 1);
    return column;
}

QWidget* ControlPanel::makeButtonRow() {
    auto* row = new QWidget(this);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_run->setToolTip(tr("Start the test (Ctrl+R)"));
    m_run->setDefault(true);
    m_stop->setToolTip(endToolTip(RunEnding::Stop));
    m_abort->setToolTip(endToolTip(RunEnding::Abort));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(12, 4, 12, 0);
    layout->addWidget(m_verdict, 1);
    for (QPushButton* button : {m_run, m_stop, m_abort}) {
        button->setMinimumWidth(96);
        layout->addWidget(button);
    }
    return row;
}

void ControlPanel::setEngines(const std::vector<EngineChoice>& engines) {
    m_target->setEngines(engines);
    validate();
}

QJsonObject ControlPanel::document() const {
    QJsonObject doc{{QStringLiteral("name"), m_name->text().trimmed()},
                    {QStringLiteral("kind"), m_kind->currentText()},
                    {QStringLiteral("target"), m_target->json()},
                    {QStringLiteral("workload"), m_workload->json()},
                    {QStringLiteral("slo"), m_slo->json()}};
    const QJsonArray faults = m_faults->json();
    if (!faults.isEmpty())
        doc[QStringLiteral("faults")] = faults;
    const QJsonObject profile = m_profiler->json();
    if (!profile.isEmpty())
        doc[QStringLiteral("profile")] = profile;
    return doc;
}

QString ControlPanel::documentText() const {
    return QString::fromUtf8(QJsonDocument(document()).toJson(QJsonDocument::Indented));
}

void ControlPanel::validate() {
    const bool wasValid = isValid();
    try {
        m_scenario =
            parseScenario(QJsonDocument(document()).toJson().toStdString(), kFormSource.toStdString());
        m_problem.clear();
        m_errors->clear();
        const Workload& w = m_scenario->workload;
        double peak = 0;
        for (const Stage& stage : w.stages)
            peak = std::max(peak, stage.target);
        m_verdict->setStyleSheet(QString());
        m_verdict->setText(
            tr("Ready: %1 test of %2, up to %3 %4")
                .arg(m_kind->currentText(), durationText(w.totalDuration()), QString::number(peak))
                .arg(w.model == WorkloadModel::ArrivalRate ? tr("requests per second")
                                                           : tr("virtual users")));
    } catch (const ScenarioError& error) {
        m_scenario.reset();
        const QString keyPath = QString::fromStdString(error.keyPath());
        m_problem = keyPath.isEmpty() ? problemOnly(error)
                                      : formKeyPath(keyPath) + QStringLiteral(": ") + problemOnly(error);
        m_errors->show(keyPath, problemOnly(error));
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        m_verdict->setStyleSheet(
            QStringLiteral("color: %1;").arg(dark ? QStringLiteral("#ff8a80") : QStringLiteral("#c62828")));
        m_verdict->setText(tr("Cannot run: %1").arg(m_problem));
    }
    updateButtons();
    if (wasValid != isValid())
        emit validityChanged(isValid());
}

void ControlPanel::setScenario(const Scenario& scenario) {
    const QJsonObject doc = QJsonDocument::fromJson(QByteArray::fromStdString(toJson(scenario))).object();
    {
        const QSignalBlocker blockName(m_name);
        const QSignalBlocker blockKind(m_kind);
        m_name->setText(doc.value(QStringLiteral("name")).toString());
        m_kind->setCurrentText(doc.value(QStringLiteral("kind")).toString());
    }
    m_target->load(doc.value(QStringLiteral("target")).toObject());
    m_workload->load(doc.value(QStringLiteral("workload")).toObject());
    m_slo->load(doc.value(QStringLiteral("slo")).toObject());
    m_faults->load(doc.value(QStringLiteral("faults")).toArray());
    m_profiler->load(doc.value(QStringLiteral("profile")).toObject());
    validate();
}

std::optional<QString> ControlPanel::openFile(const QString& path) {
    try {
        setScenario(loadScenario(path.toStdString()));
        return std::nullopt;
    } catch (const ScenarioError& error) {
        return QString::fromUtf8(error.what());
    }
}

std::optional<QString> ControlPanel::saveFile(const QString& path) const {
    if (!m_scenario)
        return tr("The scenario is not valid yet: %1").arg(m_problem);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::fromStdString(toJson(*m_scenario))) < 0 ||
        !file.commit())
        return tr("Could not write %1: %2").arg(path, file.errorString());
    return std::nullopt;
}

void ControlPanel::requestRun() {
    if (!m_scenario || m_running || m_confirmation)
        return;
    if (!needsLongRunConfirmation(*m_scenario)) {
        emit runRequested(*m_scenario);
        return;
    }
    const Scenario scenario = *m_scenario;
    m_confirmation = new QMessageBox(QMessageBox::Question, tr("Start a long run?"),
                                     longRunConfirmationText(scenario, QDateTime::currentDateTime()),
                                     QMessageBox::Cancel, this);
    QPushButton* start =
        m_confirmation->addButton(tr("Start %1").arg(m_kind->currentText()), QMessageBox::AcceptRole);
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::finished, this, [this, start, scenario] {
        const bool confirmed = m_confirmation->clickedButton() == start;
        m_confirmation = nullptr;
        if (confirmed && !m_running)
            emit runRequested(scenario);
    });
    m_confirmation->open();
}

void ControlPanel::setRunning(bool running) {
    m_running = running;
    updateButtons();
}

void ControlPanel::updateButtons() {
    m_run->setEnabled(!m_running && isValid());
    m_stop->setEnabled(m_running);
    m_abort->setEnabled(m_running);
}

} // namespace perflab

// ControlPanel: builds a Scenario from the form; app/ writes it to a file and starts the run process.
#include "widgets/control_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace perflab {

ControlPanel::ControlPanel(QWidget* parent)
    : QWidget(parent)
    , m_name(new QLineEdit(QStringLiteral("analytics under load"), this))
    , m_engine(new QComboBox(this))
    , m_variant(new QComboBox(this))
    , m_via(new QComboBox(this))
    , m_users(new QSpinBox(this))
    , m_rampUp(new QSpinBox(this))
    , m_duration(new QSpinBox(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_stop(new QPushButton(tr("Stop"), this)) {
    m_engine->addItems({QStringLiteral("analytics"), QStringLiteral("knowledge"),
                        QStringLiteral("orchestrator"), QStringLiteral("integration")});
    m_variant->addItems({QStringLiteral("baseline"), QStringLiteral("optimized")});
    m_variant->setCurrentIndex(1);
    m_via->addItem(tr("in-process call"), QVariant::fromValue(static_cast<int>(Via::Call)));
    m_via->addItem(tr("HTTP (engine server on 127.0.0.1)"), QVariant::fromValue(static_cast<int>(Via::Http)));
    m_users->setRange(1, 10'000);
    m_users->setValue(8);
    m_rampUp->setRange(0, 3600);
    m_rampUp->setValue(5);
    m_rampUp->setSuffix(tr(" s"));
    m_duration->setRange(1, 72 * 3600);
    m_duration->setValue(30);
    m_duration->setSuffix(tr(" s"));
    m_run->setToolTip(tr("Start the test (Ctrl+R)"));
    m_stop->setToolTip(tr("Stop gracefully: final interval, summary and verdict (Esc)"));
    m_stop->setEnabled(false);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Engine"), m_engine);
    form->addRow(tr("Variant"), m_variant);
    form->addRow(tr("Via"), m_via);
    form->addRow(tr("Virtual users"), m_users);
    form->addRow(tr("Ramp-up"), m_rampUp);
    form->addRow(tr("Steady duration"), m_duration);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    auto* heading = new QLabel(tr("Closed-model load test against a hosted engine"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch(1);
    setMaximumWidth(560);

    connect(m_run, &QPushButton::clicked, this, [this] { emit runRequested(scenario()); });
    connect(m_stop, &QPushButton::clicked, this, &ControlPanel::stopRequested);
}

Scenario ControlPanel::scenario() const {
    Scenario s;
    s.name = m_name->text().trimmed().toStdString();
    if (s.name.empty())
        s.name = (m_engine->currentText() + QLatin1Char(' ') + m_variant->currentText()).toStdString();
    s.kind = TestKind::Load;
    s.target.engine = EngineTarget{.engine = m_engine->currentText().toStdString(),
                                   .variant = m_variant->currentText().toStdString(),
                                   .via = static_cast<Via>(m_via->currentData().toInt()),
                                   .body = {}};
    s.workload.model = WorkloadModel::VirtualUsers;
    const double users = m_users->value();
    // Stages ramp linearly from the previous target (0 at the start), so a steady phase needs its own stage.
    if (m_rampUp->value() > 0)
        s.workload.stages.push_back({std::chrono::seconds(m_rampUp->value()), users});
    s.workload.stages.push_back({std::chrono::seconds(m_duration->value()), users});
    return s;
}

void ControlPanel::setRunning(bool running) {
    m_run->setEnabled(!running);
    m_stop->setEnabled(running);
}

} // namespace perflab

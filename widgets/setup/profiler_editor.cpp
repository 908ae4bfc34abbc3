// ProfilerEditor: a check box and the sampling rate, which is judged only while profiling is on.
#include "widgets/setup/profiler_editor.h"

#include "widgets/setup/field_errors.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace perflab {

ProfilerEditor::ProfilerEditor(FieldErrors& errors, QWidget* parent)
    : QWidget(parent)
    , m_enabled(new QCheckBox(tr("Profile the engine (flame view)"), this))
    , m_hz(new QLineEdit(QStringLiteral("999"), this)) {
    m_enabled->setToolTip(tr("Sample the engine's call stacks during the run, for the Flame view"));
    m_hz->setToolTip(tr("Samples per second, 1 to 10000 (999 avoids beating with 1 kHz timers)"));
    m_hz->setEnabled(false);
    QLabel* error = makeErrorLabel(this);
    errors.add(QStringLiteral("profile"), error);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Rate (Hz)"), withErrorLabel(m_hz, error));
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        m_hz->setEnabled(on);
        emit edited();
    });
    connect(m_hz, &QLineEdit::textChanged, this, &ProfilerEditor::edited);
}

QJsonObject ProfilerEditor::json() const {
    if (!m_enabled->isChecked())
        return {};
    QJsonObject out{{QStringLiteral("enabled"), true}};
    const QJsonValue hz = numberOrText(m_hz->text());
    if (!hz.isUndefined())
        out[QStringLiteral("hz")] = hz;
    return out;
}

void ProfilerEditor::load(const QJsonObject& profile) {
    const QSignalBlocker blockEnabled(m_enabled);
    const QSignalBlocker blockHz(m_hz);
    m_enabled->setChecked(!profile.isEmpty() && profile.value(QStringLiteral("enabled")).toBool(true));
    m_hz->setEnabled(m_enabled->isChecked());
    const QJsonValue hz = profile.value(QStringLiteral("hz"));
    m_hz->setText(hz.isDouble() ? QString::number(hz.toDouble()) : QStringLiteral("999"));
}

} // namespace perflab

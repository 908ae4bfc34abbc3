// SloEditor: one line edit per limit, in the order and with the keys of the scenario file.
#include "widgets/setup/slo_editor.h"

#include "model/scenario/scenario.h"
#include "widgets/setup/field_errors.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

#include <string_view>

namespace perflab {
namespace {

struct Limit {
    const char* key;
    const char* caption;
    const char* toolTip;
};

constexpr std::array<Limit, 7> kLimits{{
    {"p95_ms", QT_TRANSLATE_NOOP("SloEditor", "p95 latency ≤ (ms)"),
     QT_TRANSLATE_NOOP("SloEditor", "95 % of requests answer within this many milliseconds")},
    {"min_rpm", QT_TRANSLATE_NOOP("SloEditor", "Throughput ≥ (req/min)"),
     QT_TRANSLATE_NOOP("SloEditor", "At least this many requests per minute")},
    {"max_error_rate", QT_TRANSLATE_NOOP("SloEditor", "Error rate ≤"),
     QT_TRANSLATE_NOOP("SloEditor", "The fraction of requests that may fail, from 0 to 1 (0.001 = 0.1 %)")},
    {"min_availability", QT_TRANSLATE_NOOP("SloEditor", "Availability ≥"),
     QT_TRANSLATE_NOOP("SloEditor",
                       "The fraction of requests that must succeed, from 0 to 1 (0.9999 = 99.99 %)")},
    {"max_cpu_percent", QT_TRANSLATE_NOOP("SloEditor", "CPU ≤ (%)"),
     QT_TRANSLATE_NOOP("SloEditor", "CPU of the process under test, in % of one core")},
    {"max_memory_percent", QT_TRANSLATE_NOOP("SloEditor", "Memory ≤ (%)"),
     QT_TRANSLATE_NOOP("SloEditor", "Memory of the process under test, in % of the cgroup limit or RAM")},
    {"max_degraded_rate", QT_TRANSLATE_NOOP("SloEditor", "Degraded rate ≤"),
     QT_TRANSLATE_NOOP("SloEditor",
                       "The fraction of requests that may be answered from a fallback, from 0 to 1")},
}};

// The one limit a scenario keeps unless it drops it by name (model/scenario/scenario.h).
constexpr std::string_view kErrorBudgetKey = "max_error_rate";
// Keys the form has no field for, kept as they were loaded.
constexpr std::array<const char*, 2> kKeptKeys{"windows", "min_successful_requests"};

} // namespace

SloEditor::SloEditor(FieldErrors& errors, QWidget* parent)
    : QWidget(parent)
    , m_abortOnBreach(new QCheckBox(tr("Abort the run on a breach"), this))
    , m_grace(new QLineEdit(this)) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QLabel* general = makeErrorLabel(this);
    errors.add(QStringLiteral("slo"), general);
    form->addRow(general);
    for (std::size_t i = 0; i < kLimits.size(); ++i) {
        auto* field = new QLineEdit(this);
        field->setPlaceholderText(tr("not judged"));
        field->setToolTip(tr(kLimits[i].toolTip));
        connect(field, &QLineEdit::textChanged, this, &SloEditor::edited);
        QLabel* error = makeErrorLabel(this);
        errors.add(QStringLiteral("slo.") + QLatin1String(kLimits[i].key), error);
        form->addRow(tr(kLimits[i].caption), withErrorLabel(field, error));
        m_limits[i] = field;
    }
    m_abortOnBreach->setToolTip(tr("Stop the run (status aborted) as soon as a limit is breached"));
    m_grace->setPlaceholderText(tr("e.g. 30s; empty: none"));
    m_grace->setToolTip(tr("Breaches before this time from the start do not abort the run"));
    m_grace->setEnabled(false);
    QLabel* graceError = makeErrorLabel(this);
    errors.add(QStringLiteral("slo.grace"), graceError);
    form->addRow(QString(), m_abortOnBreach);
    form->addRow(tr("Grace"), withErrorLabel(m_grace, graceError));
    connect(m_abortOnBreach, &QCheckBox::toggled, this, [this](bool on) {
        m_grace->setEnabled(on);
        emit edited();
    });
    connect(m_grace, &QLineEdit::textChanged, this, &SloEditor::edited);
}

QJsonObject SloEditor::json() const {
    QJsonObject out = m_kept;
    for (std::size_t i = 0; i < kLimits.size(); ++i) {
        const QJsonValue value = numberOrText(m_limits[i]->text());
        if (!value.isUndefined())
            out[QLatin1String(kLimits[i].key)] = value;
        else if (kLimits[i].key == kErrorBudgetKey) // "not judged" means dropped: say so, or it comes back
            out[QLatin1String(kLimits[i].key)] = QJsonValue::Null;
    }
    if (m_abortOnBreach->isChecked()) {
        out[QStringLiteral("abort_on_breach")] = true;
        if (!m_grace->text().trimmed().isEmpty())
            out[QStringLiteral("grace")] = m_grace->text().trimmed();
    }
    return out;
}

void SloEditor::load(const QJsonObject& slo) {
    const QSignalBlocker blockAbort(m_abortOnBreach);
    m_kept = QJsonObject();
    for (const char* key : kKeptKeys)
        if (slo.contains(QLatin1String(key)))
            m_kept[QLatin1String(key)] = slo.value(QLatin1String(key));
    for (std::size_t i = 0; i < kLimits.size(); ++i) {
        const QSignalBlocker block(m_limits[i]);
        const QLatin1String key(kLimits[i].key);
        QJsonValue value = slo.value(key);
        if (key == QLatin1String(kErrorBudgetKey.data()) && !slo.contains(key)) // the budget that applies
            value = *SloSpec().maxErrorRate;
        m_limits[i]->setText(value.isDouble() ? QString::number(value.toDouble(), 'g', 12) : QString());
    }
    const QSignalBlocker blockGrace(m_grace);
    m_abortOnBreach->setChecked(slo.value(QStringLiteral("abort_on_breach")).toBool());
    m_grace->setEnabled(m_abortOnBreach->isChecked());
    m_grace->setText(slo.value(QStringLiteral("grace")).toString());
}

} // namespace perflab

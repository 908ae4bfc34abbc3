// FaultsEditor: one table row per fault; an empty value is left out (an outage takes none).
#include "widgets/setup/faults_editor.h"

#include "model/scenario/scenario.h"
#include "widgets/setup/editable_table.h"
#include "widgets/setup/field_errors.h"

#include <QJsonObject>
#include <QLabel>
#include <QVBoxLayout>

namespace perflab {

namespace {

// The kinds a scenario file accepts, in their order there; the first is the default.
QStringList faultKindNames() {
    QStringList names;
    for (FaultKind kind : kFaultKinds)
        names << QString::fromLatin1(toString(kind).data(), static_cast<qsizetype>(toString(kind).size()));
    return names;
}

} // namespace

FaultsEditor::FaultsEditor(FieldErrors& errors, QWidget* parent)
    : QWidget(parent)
    , m_table(new EditableTable(
          {{tr("At"),
            tr("When the fault starts, from the run's start: 500ms, 30s, 5m"),
            {},
            QStringLiteral("10s")},
           {tr("Duration"), tr("How long it lasts"), {}, QStringLiteral("10s")},
           {tr("Kind"),
            tr("outage: every call fails; latency: calls slow down by the value in ms; errors / resets: the "
               "value is the fraction of calls that fail"),
            faultKindNames(), faultKindNames().front()},
           {tr("Value"),
            tr("Latency in ms, or the fraction of calls that fail; empty for an outage"),
            {},
            {}}},
          this)) {
    m_table->setMinimumHeight(120);
    // It takes the height the page has left: its size hint would make the page scroll at 1600x1000.
    m_table->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    QLabel* error = makeErrorLabel(this);
    errors.add(QStringLiteral("faults"), error, [this](const QString& keyPath) {
        m_table->markRow(elementIndex(keyPath, QStringLiteral("faults")));
    });
    auto* hint = new QLabel(tr("Faults act on the integration engine's upstream; a dependency-failure test "
                               "needs at least one."),
                            this);
    hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addWidget(error);
    connect(m_table, &EditableTable::edited, this, &FaultsEditor::edited);
}

QJsonArray FaultsEditor::json() const {
    QJsonArray faults;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QJsonObject fault{{QStringLiteral("at"), m_table->text(row, 0).trimmed()},
                          {QStringLiteral("duration"), m_table->text(row, 1).trimmed()},
                          {QStringLiteral("kind"), m_table->text(row, 2)}};
        const QJsonValue value = numberOrText(m_table->text(row, 3));
        if (!value.isUndefined())
            fault[QStringLiteral("value")] = value;
        faults.append(fault);
    }
    return faults;
}

void FaultsEditor::load(const QJsonArray& faults) {
    std::vector<QStringList> rows;
    for (const QJsonValue& fault : faults) {
        const QJsonValue value = fault[QStringLiteral("value")];
        rows.push_back({fault[QStringLiteral("at")].toString(), fault[QStringLiteral("duration")].toString(),
                        fault[QStringLiteral("kind")].toString(),
                        value.isDouble() ? QString::number(value.toDouble(), 'g', 12) : QString()});
    }
    m_table->setRows(rows);
}

} // namespace perflab

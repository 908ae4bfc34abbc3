// WorkloadEditor: the stages table feeds the preview on every edit; the parser judges the JSON.
#include "widgets/setup/workload_editor.h"

#include "model/scenario/scenario.h"
#include "widgets/charts/xy_chart.h"
#include "widgets/setup/editable_table.h"
#include "widgets/setup/field_errors.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <stdexcept>

namespace perflab {
namespace {

const QString kPlanned = QStringLiteral("planned");

QLineEdit* durationField(const QString& placeholder, const QString& toolTip, QWidget* parent) {
    auto* field = new QLineEdit(parent);
    field->setPlaceholderText(placeholder);
    field->setToolTip(toolTip);
    return field;
}

void putText(QJsonObject& out, const QString& key, const QString& text) {
    if (text.trimmed().isEmpty())
        out.remove(key);
    else
        out[key] = text.trimmed();
}

} // namespace

WorkloadEditor::WorkloadEditor(FieldErrors& errors, QWidget* parent)
    : QWidget(parent)
    , m_stages(new EditableTable(
          {{tr("Duration"), tr("How long the stage lasts: 500ms, 30s, 5m, 72h"), {}, QStringLiteral("30s")},
           {tr("Target"),
            tr("Users (or requests per second) at the stage's end, ramped linearly "
               "from the previous stage"),
            {},
            QStringLiteral("10")}},
          this))
    , m_preview(new XyChart(tr("Planned load"), tr("time (s)"), tr("virtual users"), XyChart::XAxis::Linear,
                            this)) {
    m_preview->addSeries(kPlanned, QColor(0x1e, 0x88, 0xe5));
    m_preview->setMinimumSize(320, 220);
    m_stages->setMinimumWidth(260);
    QLabel* stagesError = makeErrorLabel(this);
    errors.add(QStringLiteral("workload.stages"), stagesError, [this](const QString& keyPath) {
        m_stages->markRow(elementIndex(keyPath, QStringLiteral("workload.stages")));
    });

    auto* stagesColumn = new QVBoxLayout;
    stagesColumn->setSpacing(4);
    auto* stagesCaption = new QLabel(tr("Stages"), this);
    stagesCaption->setToolTip(tr("Each stage ramps linearly from the previous target (0 at the start)"));
    stagesColumn->addWidget(stagesCaption);
    stagesColumn->addWidget(m_stages, 1);
    stagesColumn->addWidget(stagesError);
    auto* plan = new QHBoxLayout;
    plan->addLayout(stagesColumn, 2);
    plan->addWidget(m_preview, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(makeOptions(errors));
    layout->addLayout(plan, 1);

    connect(m_stages, &EditableTable::edited, this, [this] {
        updatePreview();
        emit edited();
    });
    m_stages->setRows(
        {{QStringLiteral("10s"), QStringLiteral("20")}, {QStringLiteral("1m"), QStringLiteral("20")}});
    updateModelRows();
    updatePreview();
}

QWidget* WorkloadEditor::makeOptions(FieldErrors& errors) {
    auto* options = new QWidget(this);
    m_model = new QComboBox(options);
    m_model->addItem(tr("virtual users (closed model)"), QStringLiteral("virtual-users"));
    m_model->addItem(tr("arrival rate (open model)"), QStringLiteral("arrival-rate"));
    m_model->setToolTip(tr("Virtual users: each user sends, waits for the answer, repeats. Arrival rate: "
                           "requests start on schedule, whatever the answers' speed."));
    m_thinkTime = durationField(tr("e.g. 500ms; empty: none"),
                                tr("Each user pauses this long after a response"), options);
    m_pacing =
        durationField(tr("e.g. 1s; empty: none"),
                      tr("Each user starts a request at most this often (instead of a think time)"), options);
    m_arrivals = new QComboBox(options);
    m_arrivals->addItems({QStringLiteral("uniform"), QStringLiteral("poisson")});
    m_arrivals->setToolTip(tr("Evenly spaced requests, or exponential gaps as independent clients make"));
    m_maxVus = new QLineEdit(options);
    m_maxVus->setPlaceholderText(QStringLiteral("1000"));
    m_maxVus->setToolTip(tr("The most requests the generator keeps in flight at once"));

    m_form = new QFormLayout(options);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QLabel* modelError = makeErrorLabel(options);
    errors.add(QStringLiteral("workload"), modelError);
    m_form->addRow(tr("Model"), withErrorLabel(m_model, modelError));
    const std::pair<QString, QWidget*> rows[] = {{QStringLiteral("think_time"), m_thinkTime},
                                                 {QStringLiteral("pacing"), m_pacing},
                                                 {QStringLiteral("arrivals"), m_arrivals},
                                                 {QStringLiteral("max_vus"), m_maxVus}};
    const QString captions[] = {tr("Think time"), tr("Pacing"), tr("Arrivals"), tr("Max in flight")};
    for (std::size_t i = 0; i < std::size(rows); ++i) {
        QLabel* error = makeErrorLabel(options);
        errors.add(QStringLiteral("workload.") + rows[i].first, error);
        m_form->addRow(captions[i], withErrorLabel(rows[i].second, error));
    }
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        updateModelRows();
        updatePreview();
        emit edited();
    });
    connect(m_thinkTime, &QLineEdit::textChanged, this, &WorkloadEditor::edited);
    connect(m_pacing, &QLineEdit::textChanged, this, &WorkloadEditor::edited);
    connect(m_arrivals, &QComboBox::currentIndexChanged, this, &WorkloadEditor::edited);
    connect(m_maxVus, &QLineEdit::textChanged, this, &WorkloadEditor::edited);
    return options;
}

bool WorkloadEditor::isArrivalRate() const {
    return m_model->currentData().toString() == QStringLiteral("arrival-rate");
}

void WorkloadEditor::updateModelRows() {
    const bool open = isArrivalRate();
    m_form->setRowVisible(1, !open);
    m_form->setRowVisible(2, !open);
    m_form->setRowVisible(3, open);
    m_form->setRowVisible(4, open);
}

QJsonObject WorkloadEditor::json() const {
    QJsonObject out = m_kept;
    out[QStringLiteral("model")] = m_model->currentData().toString();
    QJsonArray stages;
    for (int row = 0; row < m_stages->rowCount(); ++row) {
        QJsonObject stage;
        stage[QStringLiteral("duration")] = m_stages->text(row, 0).trimmed();
        const QJsonValue target = numberOrText(m_stages->text(row, 1));
        stage[QStringLiteral("target")] = target.isUndefined() ? QJsonValue(QString()) : target;
        stages.append(stage);
    }
    out[QStringLiteral("stages")] = stages;
    const bool open = isArrivalRate();
    putText(out, QStringLiteral("think_time"), open ? QString() : m_thinkTime->text());
    putText(out, QStringLiteral("pacing"), open ? QString() : m_pacing->text());
    putText(out, QStringLiteral("arrivals"), open ? m_arrivals->currentText() : QString());
    const QJsonValue maxVus = numberOrText(m_maxVus->text());
    if (open && !maxVus.isUndefined())
        out[QStringLiteral("max_vus")] = maxVus;
    else
        out.remove(QStringLiteral("max_vus"));
    return out;
}

void WorkloadEditor::load(const QJsonObject& workload) {
    const QSignalBlocker blockers[] = {QSignalBlocker(m_model), QSignalBlocker(m_thinkTime),
                                       QSignalBlocker(m_pacing), QSignalBlocker(m_arrivals),
                                       QSignalBlocker(m_maxVus)};
    m_kept = workload;
    for (const char* key : {"model", "stages", "think_time", "pacing", "arrivals", "max_vus"})
        m_kept.remove(QLatin1String(key));
    m_model->setCurrentIndex(
        std::max(0, m_model->findData(
                        workload.value(QStringLiteral("model")).toString(QStringLiteral("virtual-users")))));
    m_thinkTime->setText(workload.value(QStringLiteral("think_time")).toString());
    m_pacing->setText(workload.value(QStringLiteral("pacing")).toString());
    m_arrivals->setCurrentText(
        workload.value(QStringLiteral("arrivals")).toString(QStringLiteral("uniform")));
    const QJsonValue maxVus = workload.value(QStringLiteral("max_vus"));
    m_maxVus->setText(maxVus.isDouble() ? QString::number(maxVus.toDouble()) : QString());
    std::vector<QStringList> rows;
    for (const QJsonValue& stage : workload.value(QStringLiteral("stages")).toArray()) {
        const QJsonValue target = stage[QStringLiteral("target")];
        rows.push_back({stage[QStringLiteral("duration")].toString(),
                        target.isDouble() ? QString::number(target.toDouble()) : target.toString()});
    }
    m_stages->setRows(rows);
    updateModelRows();
    updatePreview();
}

std::vector<QPointF> WorkloadEditor::plannedLoad() const {
    std::vector<QPointF> points{{0, 0}};
    double seconds = 0;
    for (int row = 0; row < m_stages->rowCount(); ++row) {
        bool isNumber = false;
        const double target = m_stages->text(row, 1).trimmed().toDouble(&isNumber);
        try {
            const Millis duration = parseDuration(m_stages->text(row, 0).trimmed().toStdString());
            if (!isNumber || duration <= Millis{0})
                break;
            seconds += static_cast<double>(duration.count()) / 1000.0;
            points.emplace_back(seconds, target);
        } catch (const std::invalid_argument&) {
            break; // the parser's message shows beside the table; the preview stops at the last good stage
        }
    }
    return points;
}

void WorkloadEditor::updatePreview() {
    std::vector<QPointF> points = plannedLoad();
    const double span = points.back().x();
    auto [divisor, unit] = span >= 5 * 3600.0 ? std::pair(3600.0, tr("h"))
                           : span >= 600.0    ? std::pair(60.0, tr("min"))
                                              : std::pair(1.0, tr("s"));
    for (QPointF& point : points)
        point.setX(point.x() / divisor);
    m_preview->setAxisTitles(tr("time (%1)").arg(unit),
                             isArrivalRate() ? tr("requests per second") : tr("virtual users"));
    m_preview->setData(kPlanned, points);
}

} // namespace perflab

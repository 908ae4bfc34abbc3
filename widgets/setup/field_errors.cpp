// FieldErrors: key-path prefixes matched on whole components, so "target" takes "target.url" but
// "workload.stages" does not take "workload.stagesX".
#include "widgets/setup/field_errors.h"

#include <QLabel>
#include <QVBoxLayout>

#include <utility>

namespace perflab {
namespace {

bool covers(const QString& prefix, const QString& keyPath) {
    if (!keyPath.startsWith(prefix))
        return false;
    if (keyPath.size() == prefix.size() || prefix.isEmpty())
        return true;
    const QChar next = keyPath.at(prefix.size());
    return next == QLatin1Char('.') || next == QLatin1Char('[');
}

} // namespace

QLabel* makeErrorLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setObjectName(QStringLiteral("fieldError"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Readable on light and dark windows alike.
    const bool dark = label->palette().color(QPalette::Window).lightness() < 128;
    label->setStyleSheet(
        QStringLiteral("color: %1;").arg(dark ? QStringLiteral("#ff8a80") : QStringLiteral("#c62828")));
    label->hide();
    return label;
}

QWidget* withErrorLabel(QWidget* field, QLabel* error) {
    auto* cell = new QWidget(field->parentWidget());
    auto* layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return cell;
}

QJsonValue numberOrText(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    bool isNumber = false;
    const double value = trimmed.toDouble(&isNumber);
    return isNumber ? QJsonValue(value) : QJsonValue(trimmed);
}

QString formKeyPath(const QString& keyPath) {
    QStringList parts;
    for (const QString& segment : keyPath.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        const qsizetype open = segment.indexOf(QLatin1Char('['));
        bool ok = false;
        const int index = open < 0 ? -1 : segment.mid(open + 1, segment.size() - open - 2).toInt(&ok);
        parts << (ok && segment.endsWith(QLatin1Char(']'))
                      ? segment.left(open) + QStringLiteral(" row ") + QString::number(index + 1)
                      : segment);
    }
    return parts.join(QStringLiteral(" › "));
}

int elementIndex(const QString& keyPath, const QString& arrayPath) {
    if (!keyPath.startsWith(arrayPath + QLatin1Char('[')))
        return -1;
    const qsizetype open = arrayPath.size() + 1;
    const qsizetype close = keyPath.indexOf(QLatin1Char(']'), open);
    bool ok = false;
    const int index = keyPath.mid(open, close - open).toInt(&ok);
    return ok && close > open ? index : -1;
}

void FieldErrors::add(const QString& keyPath, QLabel* label, std::function<void(const QString&)> mark) {
    m_entries.push_back({keyPath, label, std::move(mark)});
}

bool FieldErrors::show(const QString& keyPath, const QString& problem) {
    clear();
    // The most specific entry wins; between equals (a field on two pages), the one on the page shown.
    auto rank = [](const Entry& entry) {
        const QWidget* field = entry.label->parentWidget();
        return std::pair(entry.keyPath.size(), field && field->isVisibleTo(entry.label->window()));
    };
    const Entry* best = nullptr;
    for (const Entry& entry : m_entries)
        if (covers(entry.keyPath, keyPath) && (!best || rank(entry) > rank(*best)))
            best = &entry;
    if (!best)
        return false;
    best->label->setText(problem);
    best->label->setToolTip(keyPath.isEmpty() ? problem
                                              : formKeyPath(keyPath) + QStringLiteral(": ") + problem);
    best->label->show();
    if (best->mark)
        best->mark(keyPath);
    return true;
}

void FieldErrors::clear() {
    for (const Entry& entry : m_entries) {
        entry.label->clear();
        entry.label->hide();
        if (entry.mark)
            entry.mark(QString());
    }
}

} // namespace perflab

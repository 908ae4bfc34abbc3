// HeadlineStrip: one framed tile per figure, laid out left to right.
#include "widgets/dashboard/headline_strip.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace perflab {

HeadlineStrip::HeadlineStrip(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
    m_layout->addStretch(1);
}

void HeadlineStrip::setFigure(const QString& key, const QString& caption, const QString& value,
                              const QString& detail) {
    if (const Figure* shown = find(key)) {
        shown->value->setText(value);
        shown->detail->setText(detail);
        shown->detail->setVisible(!detail.isEmpty());
        return;
    }
    auto* tile = new QFrame(this);
    tile->setObjectName(QStringLiteral("headlineTile"));
    tile->setStyleSheet(
        QStringLiteral("#headlineTile { background: palette(base); border: 1px solid palette(mid); "
                       "border-radius: 4px; }"));
    auto* captionLabel = new QLabel(caption, tile);
    captionLabel->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    auto* valueLabel = new QLabel(value, tile);
    QFont big = valueLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    valueLabel->setFont(big);
    valueLabel->setStyleSheet(QStringLiteral("color: palette(text);"));
    auto* column = new QVBoxLayout(tile);
    column->setContentsMargins(12, 6, 12, 6);
    column->setSpacing(0);
    auto* detailLabel = new QLabel(detail, tile);
    detailLabel->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    detailLabel->setVisible(!detail.isEmpty());
    column->addWidget(captionLabel);
    column->addWidget(valueLabel);
    column->addWidget(detailLabel);
    tile->setMinimumWidth(150);
    m_layout->insertWidget(m_layout->count() - 1, tile); // before the trailing stretch
    m_figures.push_back({key, valueLabel, detailLabel});
}

QString HeadlineStrip::detail(const QString& key) const {
    const Figure* shown = find(key);
    return !shown || shown->detail->isHidden() ? QString() : shown->detail->text();
}

const HeadlineStrip::Figure* HeadlineStrip::find(const QString& key) const {
    auto it = std::find_if(m_figures.begin(), m_figures.end(), [&](const Figure& f) { return f.key == key; });
    return it == m_figures.end() ? nullptr : &*it;
}

QString HeadlineStrip::value(const QString& key) const {
    const Figure* shown = find(key);
    return shown ? shown->value->text() : QString();
}

} // namespace perflab

// FlameBreadcrumb: rebuilt on each zoom (a path is a handful of buttons); names keep their ends.
#include "widgets/flame/flame_breadcrumb.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace perflab {

namespace {

// Crumbs keep the end of a name (the function, not its namespaces) within this many pixels.
constexpr int kCrumbWidth = 220;
// A deep path shows its first and last crumbs and one "…" for those between.
constexpr int kFirstCrumbs = 2;
constexpr int kLastCrumbs = 4;

} // namespace

FlameBreadcrumb::FlameBreadcrumb(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
}

void FlameBreadcrumb::addLabel(const QString& text) {
    auto* label = new QLabel(text, this);
    label->show();
    m_layout->addWidget(label);
}

void FlameBreadcrumb::setPath(const QStringList& names) {
    m_names = names;
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const bool isLong = names.size() > kFirstCrumbs + kLastCrumbs + 1;
    for (int depth = 0; depth < names.size(); ++depth) {
        const bool isHidden = isLong && depth >= kFirstCrumbs && depth < names.size() - kLastCrumbs;
        if (isHidden && depth != kFirstCrumbs)
            continue;
        if (depth > 0)
            addLabel(QStringLiteral("›"));
        if (isHidden) {
            addLabel(QStringLiteral("…"));
            continue;
        }
        auto* crumb = new QToolButton(this);
        crumb->setAutoRaise(true);
        crumb->setText(fontMetrics().elidedText(names[depth], Qt::ElideLeft, kCrumbWidth));
        crumb->setToolTip(names[depth]);
        crumb->setObjectName(QStringLiteral("crumb%1").arg(depth));
        crumb->setEnabled(depth != names.size() - 1); // the zoomed frame itself
        connect(crumb, &QToolButton::clicked, this, [this, depth] { emit crumbClicked(depth); });
        crumb->show();
        m_layout->addWidget(crumb);
    }
    m_layout->addStretch(1);
    // Placed now rather than at the next layout pass, so a grab right after a zoom shows the path.
    m_layout->activate();
}

} // namespace perflab

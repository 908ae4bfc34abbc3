// FlameBreadcrumb: rebuilt on each zoom (a path is a handful of buttons); long names are elided.
#include "widgets/flame_breadcrumb.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace perflab {

namespace {

constexpr int kLongestCrumb = 40;

} // namespace

FlameBreadcrumb::FlameBreadcrumb(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
}

void FlameBreadcrumb::setPath(const QStringList& names) {
    m_names = names;
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int depth = 0; depth < names.size(); ++depth) {
        if (depth > 0) {
            auto* separator = new QLabel(QStringLiteral("›"), this);
            separator->show();
            m_layout->addWidget(separator);
        }
        const QString& name = names[depth];
        auto* crumb = new QToolButton(this);
        crumb->setAutoRaise(true);
        crumb->setText(name.size() > kLongestCrumb ? name.left(kLongestCrumb - 1) + QStringLiteral("…")
                                                   : name);
        crumb->setToolTip(name);
        crumb->setObjectName(QStringLiteral("crumb%1").arg(depth));
        const bool isZoomed = depth == names.size() - 1;
        crumb->setEnabled(!isZoomed);
        connect(crumb, &QToolButton::clicked, this, [this, depth] { emit crumbClicked(depth); });
        // Shown now rather than when the layout gets to it, so a grab right after a zoom shows the path.
        crumb->show();
        m_layout->addWidget(crumb);
    }
    m_layout->addStretch(1);
}

} // namespace perflab

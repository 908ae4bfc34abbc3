// StaggeredPaint: a held part's paint events are dropped (its parents' background shows there) until its
// turn; then it and everything in it are updated. Each release is a low-priority posted event
// queued behind the paint the previous release asked for, so one turn paints one part.
#include "widgets/window/staggered_paint.h"

#include <QCoreApplication>
#include <QEvent>
#include <QGraphicsView>
#include <QGroupBox>
#include <QPoint>
#include <QWidget>

#include <algorithm>
#include <utility>

namespace perflab {

namespace {

const QEvent::Type kReleaseEvent = static_cast<QEvent::Type>(QEvent::registerEventType());

} // namespace

StaggeredPaint::StaggeredPaint(QObject* parent)
    : QObject(parent) {}

void StaggeredPaint::stagger(QWidget* page) {
    releaseAll();
    if (page == nullptr || !page->isVisible())
        return;
    std::vector<QWidget*> parts;
    for (QWidget* part : page->findChildren<QGroupBox*>())
        parts.push_back(part);
    for (QWidget* part : page->findChildren<QGraphicsView*>())
        parts.push_back(part);
    std::erase_if(parts, [](const QWidget* part) { return !part->isVisible(); });
    if (parts.empty())
        return;
    std::stable_sort(parts.begin(), parts.end(), [page](const QWidget* a, const QWidget* b) {
        const QPoint pa = a->mapTo(page, QPoint());
        const QPoint pb = b->mapTo(page, QPoint());
        return std::pair(pa.y(), pa.x()) < std::pair(pb.y(), pb.x());
    });
    for (QWidget* part : parts) {
        m_held.emplace_back(part);
        m_filtered.emplace_back(part);
        for (QWidget* inside : part->findChildren<QWidget*>())
            m_filtered.emplace_back(inside);
    }
    for (const QPointer<QWidget>& widget : m_filtered)
        widget->installEventFilter(this);
    scheduleRelease();
}

bool StaggeredPaint::isHeld(const QWidget* widget) const {
    return std::any_of(m_held.begin(), m_held.end(),
                       [widget](const QPointer<QWidget>& part) { return part == widget; });
}

bool StaggeredPaint::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::Paint || !watched->isWidgetType())
        return false;
    const auto* widget = static_cast<const QWidget*>(watched);
    return std::any_of(m_held.begin(), m_held.end(), [widget](const QPointer<QWidget>& part) {
        return part != nullptr && (part == widget || part->isAncestorOf(widget));
    });
}

void StaggeredPaint::customEvent(QEvent* event) {
    if (event->type() != kReleaseEvent)
        return;
    m_releasePosted = false;
    std::erase_if(m_held, [](const QPointer<QWidget>& part) { return part == nullptr; });
    if (m_held.empty())
        return;
    QPointer<QWidget> next = m_held.front();
    m_held.erase(m_held.begin());
    release(next);
    if (m_held.empty())
        releaseAll();
    else
        scheduleRelease();
}

void StaggeredPaint::scheduleRelease() {
    if (m_releasePosted)
        return;
    m_releasePosted = true;
    // Low priority, as the paint an update() asks for: queued behind it and behind input.
    QCoreApplication::postEvent(this, new QEvent(kReleaseEvent), Qt::LowEventPriority);
}

void StaggeredPaint::release(QWidget* part) {
    if (part == nullptr)
        return;
    // Everything in it too: a parent's update leaves out the area of its opaque children (a view's viewport).
    part->update();
    for (QWidget* inside : part->findChildren<QWidget*>())
        inside->update();
}

void StaggeredPaint::releaseAll() {
    for (const QPointer<QWidget>& part : m_held)
        release(part);
    m_held.clear();
    for (const QPointer<QWidget>& widget : m_filtered)
        if (widget != nullptr)
            widget->removeEventFilter(this);
    m_filtered.clear();
}

} // namespace perflab

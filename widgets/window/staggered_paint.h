// A page's heavy parts paint one per turn of the event loop after a page switch, not all in one paint.
// A full page of this window at 1600x1000 costs the UI thread 15-20 ms to paint (Fusion's frames, text
// shaping, Qt Charts' labels); held in one paint, that and a busy machine made input wait over 50 ms.
// Staggered, the page's frame paints first and each group box or chart follows in its own turn, with
// input and timers handled in between; the whole page is there within a few frames.
#pragma once

#include <QObject>
#include <QPointer>

#include <vector>

class QWidget;

namespace perflab {

class StaggeredPaint : public QObject {
    Q_OBJECT
public:
    explicit StaggeredPaint(QObject* parent = nullptr);

    // Holds the paint of every visible group box and chart view of `page` (and of everything in them); they
    // paint in turn, top to bottom then left to right, one per turn of the event loop. Parts still held
    // from an earlier call are let go first.
    void stagger(QWidget* page);
    // Whether `widget` is a part whose paint is still held.
    bool isHeld(const QWidget* widget) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void customEvent(QEvent* event) override;

private:
    void scheduleRelease();
    void release(QWidget* part);
    void releaseAll();

    std::vector<QPointer<QWidget>> m_held;     // in paint order
    std::vector<QPointer<QWidget>> m_filtered; // every widget this filters, while parts are held
    bool m_releasePosted = false;
};

} // namespace perflab

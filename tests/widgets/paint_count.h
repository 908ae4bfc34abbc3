// Test helper: counts the paint events that reach a widget (a group box, a view's viewport, ...).
#pragma once

#include <QEvent>
#include <QObject>
#include <QWidget>

namespace perflab::test {

class PaintCount : public QObject {
public:
    explicit PaintCount(QWidget& watched) { watched.installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

} // namespace perflab::test

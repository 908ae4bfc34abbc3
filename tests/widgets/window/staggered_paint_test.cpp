// StaggeredPaint: after a page switch, the page's group boxes and charts paint one per turn of the event
// loop, top to bottom, and the window ends up showing the whole page.
#include "widgets/window/staggered_paint.h"

#include "tests/widgets/paint_count.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QGridLayout>
#include <QGroupBox>
#include <QImage>
#include <QLineEdit>
#include <QScreen>
#include <QTest>
#include <QVBoxLayout>

#include <array>
#include <map>
#include <memory>
#include <vector>

using perflab::StaggeredPaint;
using perflab::test::PaintCount;

namespace {

// Four group boxes with a field each (two rows of two) above a chart-like view.
struct Page {
    QWidget widget;
    std::array<QGroupBox*, 4> boxes{};
    QGraphicsView* view = nullptr;
    QGraphicsScene scene;

    Page() {
        auto* layout = new QVBoxLayout(&widget);
        auto* grid = new QGridLayout;
        for (int i = 0; i < 4; ++i) {
            boxes[i] = new QGroupBox(QStringLiteral("Section %1").arg(i + 1));
            auto* field = new QLineEdit(QStringLiteral("value %1").arg(i + 1));
            field->setFocusPolicy(Qt::NoFocus); // no blinking cursor in the pictures compared
            (new QVBoxLayout(boxes[i]))->addWidget(field);
            grid->addWidget(boxes[i], i / 2, i % 2);
        }
        layout->addLayout(grid);
        scene.addRect(0, 0, 300, 80, QPen(Qt::darkBlue), QBrush(Qt::cyan));
        view = new QGraphicsView(&scene);
        layout->addWidget(view);
        widget.resize(640, 480);
        widget.show();
        REQUIRE(QTest::qWaitForWindowExposed(&widget));
        QTest::qWait(50); // laid out and painted
    }

    // What the window shows: the offscreen platform's copy of the window's backing store.
    QImage shown() const { return widget.screen()->grabWindow(widget.winId()).toImage(); }
};

} // namespace

TEST_CASE(
    "a staggered page paints its group boxes and charts one per turn of the event loop, top to bottom") {
    Page page;
    std::map<QWidget*, std::unique_ptr<PaintCount>> counts;
    for (QGroupBox* box : page.boxes)
        counts[box] = std::make_unique<PaintCount>(*box);
    counts[page.view] = std::make_unique<PaintCount>(*page.view->viewport());

    StaggeredPaint staggered;
    page.widget.update(); // the whole page to paint, as after a page switch
    staggered.stagger(&page.widget);
    for (const auto& [part, count] : counts)
        CHECK(staggered.isHeld(part));

    std::map<QWidget*, int> firstPaintTurn;
    for (int turn = 1; turn <= 12; ++turn) {
        QCoreApplication::processEvents(); // one turn of the event loop
        for (const auto& [part, count] : counts)
            if (count->paints > 0 && !firstPaintTurn.contains(part))
                firstPaintTurn[part] = turn;
    }
    REQUIRE(firstPaintTurn.size() == counts.size());
    // Reading order: the top row left to right, then the bottom row, then the view; one part per turn.
    const std::vector<QWidget*> order{page.boxes[0], page.boxes[1], page.boxes[2], page.boxes[3], page.view};
    for (std::size_t i = 1; i < order.size(); ++i)
        CHECK(firstPaintTurn[order[i]] > firstPaintTurn[order[i - 1]]);
    for (const auto& [part, count] : counts) {
        CHECK_FALSE(staggered.isHeld(part));
        CHECK(count->paints == 1); // held paints are dropped, not done twice
    }
}

TEST_CASE("while a part waits its turn the window shows the page behind it, and then the whole page") {
    Page page;
    const QImage whole = page.shown();
    const QRect firstBox(page.boxes[0]->mapTo(&page.widget, QPoint()), page.boxes[0]->size());
    const qreal ratio = whole.devicePixelRatio();
    const auto boxPixels = [&](const QImage& image) {
        return image.copy(QRect(firstBox.topLeft() * ratio, firstBox.size() * ratio));
    };

    // Something else was on screen where the page is (another page), then the page is switched to.
    page.widget.setUpdatesEnabled(false);
    for (QGroupBox* box : page.boxes)
        box->hide();
    page.view->hide();
    page.widget.setUpdatesEnabled(true);
    QTest::qWait(50);
    const QImage empty = page.shown();
    for (QGroupBox* box : page.boxes)
        box->show();
    page.view->show();
    StaggeredPaint staggered;
    staggered.stagger(&page.widget);
    QCoreApplication::processEvents(); // the page's own paint: every part still held
    CHECK(boxPixels(page.shown()) == boxPixels(empty));
    CHECK(boxPixels(page.shown()) != boxPixels(whole));

    for (int turn = 0; turn < 12; ++turn)
        QCoreApplication::processEvents();
    CHECK(page.shown() == whole);
}

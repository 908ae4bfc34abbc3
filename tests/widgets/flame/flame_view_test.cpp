// FlameView driven as a user drives it: pointing at frames, clicking to zoom, the breadcrumb and Back,
// searching, tooltips, flipping the orientation, filtering, and a differential's colors.
#include "widgets/flame/flame_view.h"

#include "model/profile/folded_stacks.h"
#include "tests/widgets/flame_scene.h"
#include "widgets/flame/flame_breadcrumb.h"
#include "widgets/flame/flame_canvas.h"
#include "widgets/flame/flame_palette.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

using namespace perflab;
using perflab::test::waitForScene;

namespace {

// 100 samples: main 100, parse 40 (self 10), lex 30, run 60.
constexpr const char* kFolded = "main;parse;lex 30\nmain;parse 10\nmain;run 60\n";

std::shared_ptr<const Profile> profileOf(const char* folded, const FoldedSource& source = {}) {
    return std::make_shared<const Profile>(parseFoldedStacks(folded, source));
}

QColor fillAt(const FlameView& view, const FlameRect& rect) {
    const QPoint corner = view.canvas()->geometryOf(rect).topLeft().toPoint() + QPoint(1, 1);
    return view.canvas()->grab().toImage().pixelColor(corner);
}

struct ShownView {
    FlameView view;
    ShownView() {
        view.resize(1000, 500);
        view.show();
        view.setProfile(profileOf(kFolded));
        REQUIRE(QTest::qWaitForWindowExposed(&view));
        waitForScene(view);
    }
    NodeId node(std::initializer_list<std::string_view> names) const {
        const std::optional<NodeId> n = view.scene()->tree->find(std::vector<std::string_view>(names));
        REQUIRE(n);
        return *n;
    }
    const FlameRect& rectOf(NodeId node) const {
        for (const FlameRect& r : view.scene()->layout.rects())
            if (r.node == node && r.merged == 0)
                return r;
        FAIL("the node is not laid out");
        throw std::logic_error("unreachable");
    }
    QPoint centerOf(NodeId node) const { return view.canvas()->geometryOf(rectOf(node)).center().toPoint(); }
    // A pixel of the frame's fill, clear of its label.
    QRgb fillOf(NodeId node) const { return fillAt(view, rectOf(node)).rgb(); }
};

} // namespace

TEST_CASE("the frame under the pointer is the one drawn there, in flame and in icicle orientation") {
    ShownView shown;
    const NodeId parse = shown.node({"main", "parse"});
    const QPoint flamePoint = shown.centerOf(parse);
    REQUIRE(shown.view.canvas()->rectAt(flamePoint));
    CHECK(shown.view.canvas()->rectAt(flamePoint)->node == parse);
    CHECK(shown.view.canvas()->rectAt(flamePoint + QPoint(0, -FlameCanvas::kRowHeight))->node ==
          shown.node({"main", "parse", "lex"}));

    shown.view.setOrientation(FlameView::Orientation::Icicle);
    CHECK(shown.view.orientation() == FlameView::Orientation::Icicle);
    const QPoint iciclePoint = shown.centerOf(parse);
    CHECK(iciclePoint.y() < flamePoint.y());
    CHECK(iciclePoint.y() == FlameCanvas::kRowHeight * 2 + FlameCanvas::kRowHeight / 2);
    CHECK(shown.view.canvas()->rectAt(iciclePoint)->node == parse);
    CHECK(shown.fillOf(parse) == flame_palette::frame("parse").rgb());
}

TEST_CASE("clicking a frame zooms into it and the breadcrumb and Back lead out again") {
    ShownView shown;
    const NodeId parse = shown.node({"main", "parse"});
    QTest::mouseClick(shown.view.canvas(), Qt::LeftButton, {}, shown.centerOf(parse));
    waitForScene(shown.view);
    CHECK(shown.view.scene()->layout.zoom() == parse);
    CHECK(shown.rectOf(parse).width == Approx(shown.view.canvas()->width()));
    auto* breadcrumb = shown.view.findChild<FlameBreadcrumb*>();
    CHECK(breadcrumb->path() == QStringList{"all", "main", "parse"});

    auto* root = breadcrumb->findChild<QToolButton*>(QStringLiteral("crumb0"));
    REQUIRE(root);
    QTest::mouseClick(root, Qt::LeftButton);
    waitForScene(shown.view);
    CHECK(shown.view.scene()->layout.zoom() == kRootNode);
    CHECK(breadcrumb->path() == QStringList{"all"});

    auto* back = shown.view.findChild<QToolButton*>(QStringLiteral("back"));
    QTest::mouseClick(back, Qt::LeftButton);
    waitForScene(shown.view);
    CHECK(shown.view.scene()->layout.zoom() == parse);

    const NodeId lex = shown.node({"main", "parse", "lex"});
    QTest::mouseClick(shown.view.canvas(), Qt::LeftButton, {}, shown.centerOf(lex));
    waitForScene(shown.view);
    CHECK(shown.view.scene()->layout.zoom() == lex);
    QTest::keyClick(shown.view.canvas(), Qt::Key_Backspace);
    waitForScene(shown.view);
    CHECK(shown.view.scene()->layout.zoom() == parse);
    QTest::keyClick(shown.view.canvas(), Qt::Key_Left, Qt::AltModifier);
    waitForScene(shown.view);
    CHECK(shown.view.scene()->layout.zoom() == kRootNode);
    CHECK_FALSE(back->isEnabled());
}

TEST_CASE("a search highlights matching frames without hiding others and shows their share of samples") {
    ShownView shown;
    const std::size_t drawn = shown.view.scene()->layout.rects().size();
    shown.view.setSearchText(QStringLiteral("LEX"));
    waitForScene(shown.view);
    CHECK(shown.view.matchSummary() == QStringLiteral("30.00 % of samples match"));
    CHECK(shown.view.scene()->layout.rects().size() == drawn);
    const NodeId lex = shown.node({"main", "parse", "lex"});
    const NodeId run = shown.node({"main", "run"});
    CHECK(shown.fillOf(lex) == flame_palette::match().rgb());
    CHECK(shown.fillOf(run) == flame_palette::unmatched(flame_palette::frame("run")).rgb());

    shown.view.setSearchText(QString());
    waitForScene(shown.view);
    CHECK(shown.view.matchSummary().isEmpty());
    CHECK(shown.fillOf(run) == flame_palette::frame("run").rgb());
}

TEST_CASE("hovering a frame shows its total and self samples with their share of all samples") {
    ShownView shown;
    const QPoint at = shown.centerOf(shown.node({"main", "parse"}));
    QHelpEvent help(QEvent::ToolTip, at, shown.view.canvas()->mapToGlobal(at));
    QApplication::sendEvent(shown.view.canvas(), &help);
    const QString text = QToolTip::text();
    CHECK(text.startsWith(QStringLiteral("parse<br>")));
    CHECK(text.contains(QStringLiteral("Total: 40 samples (40.00 %)")));
    CHECK(text.contains(QStringLiteral("Self: 10 samples (10.00 %)")));
}

TEST_CASE("the filter choices are the profile's threads and engines and pick their samples") {
    auto profile = std::make_shared<Profile>(
        parseFoldedStacks("main;serve 30\n", {.thread = "worker-1", .engine = "knowledge"}));
    profile->merge(parseFoldedStacks("main;flush 10\n", {.thread = "writer", .engine = "knowledge"}));
    FlameView view;
    view.resize(800, 400);
    view.show();
    view.setProfile(profile);
    waitForScene(view);
    CHECK(view.scene()->tree->totalSamples() == 40);
    auto* choice = view.findChild<QComboBox*>();
    QStringList items;
    for (int i = 0; i < choice->count(); ++i)
        items.append(choice->itemText(i));
    CHECK(items ==
          QStringList{"All threads and engines", "Engine: knowledge", "Thread: worker-1", "Thread: writer"});
    choice->setCurrentIndex(3);
    emit choice->activated(3);
    waitForScene(view);
    CHECK(view.scene()->tree->totalSamples() == 10);
}

TEST_CASE("a differential paints grown frames red and shrunk frames blue and explains the change") {
    FlameView view;
    view.resize(1000, 400);
    view.show();
    view.setDifferential(profileOf(kFolded), profileOf("main;parse;lex 5\nmain;parse 15\nmain;run 80\n"));
    waitForScene(view);
    const CallTree& tree = *view.scene()->tree;
    const auto colorOf = [&](std::initializer_list<std::string_view> names) {
        const NodeId n = *tree.find(std::vector<std::string_view>(names));
        for (const FlameRect& r : view.scene()->layout.rects())
            if (r.node == n)
                return std::make_pair(fillAt(view, r), r);
        FAIL("not laid out");
        throw std::logic_error("unreachable");
    };
    const auto [run, runRect] = colorOf({"main", "run"});
    const auto [lex, lexRect] = colorOf({"main", "parse", "lex"});
    CHECK(run.hslHue() == 0);
    CHECK(lex.hslHue() == 220);
    CHECK(lex.hslSaturation() == 255);
    CHECK(run.hslSaturation() < lex.hslSaturation());
    CHECK(view.canvas()->toolTipText(lexRect).contains(
        QStringLiteral("Change: -25.00 pp total, -25.00 pp self")));
}

TEST_CASE("a newer layout request supersedes an older one, whose scene is never shown") {
    ShownView shown;
    QSignalSpy scenes(&shown.view, &FlameView::sceneChanged);
    shown.view.setSearchText(QStringLiteral("run"));
    shown.view.setSearchText(QStringLiteral("lex"));
    waitForScene(shown.view);
    QTest::qWait(50);
    CHECK(scenes.count() == 1);
    CHECK(shown.view.matchSummary() == QStringLiteral("30.00 % of samples match"));
}

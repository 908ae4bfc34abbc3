// A flame view of a knowledge-engine server's profile with a search active, and zoomed in a dark palette,
// saved to screenshots/flame_view.png and flame_view_dark.png (in the build folder) for people to look at.
#include "widgets/flame/flame_view.h"

#include "model/profile/folded_stacks.h"
#include "tests/widgets/flame_scene.h"
#include "widgets/flame/flame_palette.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QImage>
#include <QPalette>
#include <QTest>

using namespace perflab;
using perflab::test::waitForScene;

namespace {

const char* const kProfile = PERFLAB_SOURCE_DIR "/tests/widgets/knowledge_server.folded";

QString saved(const QImage& shot, const QString& name) {
    const QString folder = QStringLiteral(PERFLAB_BINARY_DIR "/screenshots");
    REQUIRE(QDir().mkpath(folder));
    REQUIRE(shot.save(folder + '/' + name));
    return folder + '/' + name;
}

} // namespace

TEST_CASE("a searched flame view of a server profile paints labelled frames and its matches highlighted") {
    FlameView view;
    view.resize(1600, 1000);
    view.show();
    view.setProfile(std::make_shared<const Profile>(readFoldedStacksFile(
        PERFLAB_SOURCE_DIR "/tests/widgets/knowledge_server.folded", {.thread = "engine-server"})));
    view.setSearchText(QStringLiteral("HashTable"));
    REQUIRE(QTest::qWaitFor([&] { return view.scene() && !view.isLayoutPending(); }, 5000));

    const QImage shot = view.grab().toImage();
    const QString folder = QStringLiteral(PERFLAB_BINARY_DIR "/screenshots");
    REQUIRE(QDir().mkpath(folder));
    REQUIRE(shot.save(folder + QStringLiteral("/flame_view.png")));

    int highlighted = 0;
    int dark = 0;
    const QRgb match = flame_palette::match().rgb();
    for (int y = 0; y < shot.height(); y += 2)
        for (int x = 0; x < shot.width(); x += 2) {
            const QRgb p = shot.pixel(x, y);
            highlighted += p == match;
            dark += qGray(p) < 80;
        }
    CHECK(highlighted > 1000);
    CHECK(dark > 500); // labels were drawn
    CHECK(view.matchSummary() == QStringLiteral("26.95 % of samples match"));
}

TEST_CASE("a zoomed flame view in a dark palette keeps its frames and labels readable") {
    FlameView view;
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(40, 40, 44));
    dark.setColor(QPalette::Base, QColor(30, 30, 33));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(55, 55, 60));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    view.setPalette(dark);
    view.resize(1600, 1000);
    view.show();
    view.setProfile(std::make_shared<const Profile>(readFoldedStacksFile(kProfile)));
    waitForScene(view);
    const std::vector<std::string_view> executor{"start_thread",
                                                 "asio::detail::scheduler::run",
                                                 "asio::detail::scheduler::do_run_one",
                                                 "perflab::engines::EngineServer::onRequest",
                                                 "perflab::engines::knowledge::KnowledgeEngine::execute",
                                                 "perflab::engines::knowledge::Executor::run"};
    view.zoomTo(*view.scene()->tree->find(executor));
    waitForScene(view);
    const QImage shot = view.grab().toImage();
    saved(shot, QStringLiteral("flame_view_dark.png"));

    CHECK(view.scene()->layout.ancestorRows() == 6);
    const QRgb hashJoin = flame_palette::frame("perflab::engines::knowledge::Executor::hashJoin").rgb();
    int hashJoinPixels = 0;
    for (int y = 0; y < shot.height(); y += 2)
        for (int x = 0; x < shot.width(); x += 2)
            hashJoinPixels += shot.pixel(x, y) == hashJoin;
    CHECK(hashJoinPixels > 1000);
    CHECK(qGray(shot.pixel(800, 100)) < 60); // the empty canvas above the flame is the dark base
}

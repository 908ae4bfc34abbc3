// A flame view of a knowledge-engine server's profile with a search active, saved to
// screenshots/flame_view.png (in the build folder) for people to look at.
#include "widgets/flame_view.h"

#include "model/folded_stacks.h"
#include "widgets/flame_palette.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QImage>
#include <QTest>

using namespace perflab;

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

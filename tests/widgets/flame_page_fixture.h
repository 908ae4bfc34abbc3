// Test helpers for the Flame page: the knowledge engine's sampled profile, waiting for a read to land and
// for the scene the view paints.
#pragma once

#include "model/profile/call_tree.h"
#include "model/profile/folded_stacks.h"
#include "widgets/flame/flame_page.h"
#include "widgets/flame/flame_view.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <cstdint>
#include <functional>

namespace perflab::test {

inline Profile knowledgeServer() {
    return readFoldedStacksFile(PERFLAB_SOURCE_DIR "/tests/widgets/knowledge_server.folded",
                                {.name = "", .thread = "worker-0", .engine = "knowledge"});
}

// The samples of the scene the view paints once its layout for the latest profile has landed.
inline std::uint64_t paintedSamples(FlamePage& page) {
    QSignalSpy scene(page.view(), &FlameView::sceneChanged);
    if (page.view()->isLayoutPending() || !page.view()->scene())
        REQUIRE(scene.wait(5000));
    return page.view()->scene()->tree->totalSamples();
}

// Runs `action` and waits for the read it starts to land.
inline void shownAfter(FlamePage& page, const std::function<void()>& action) {
    QSignalSpy shown(&page, &FlamePage::profileShown);
    action();
    REQUIRE(shown.wait(5000));
}

} // namespace perflab::test

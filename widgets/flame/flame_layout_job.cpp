// FlameLayoutJob: one worker thread; each request carries a generation number and only the newest
// generation's scene reaches the GUI thread.
#include "widgets/flame/flame_layout_job.h"

#include <QMetaObject>

namespace perflab {

FlameLayoutJob::FlameLayoutJob(QObject* parent)
    : QObject(parent) {
    m_pool.setMaxThreadCount(1);
}

FlameLayoutJob::~FlameLayoutJob() {
    // Running work holds `this`; superseding it lets queued requests skip their work.
    ++m_requested;
    m_pool.waitForDone();
}

void FlameLayoutJob::request(FlameRequest request) {
    const std::uint64_t generation = ++m_requested;
    m_pool.start([this, generation, request = std::move(request)] {
        if (generation != m_requested)
            return;
        std::shared_ptr<const FlameScene> scene = compute(request);
        QMetaObject::invokeMethod(
            this,
            [this, generation, scene = std::move(scene)] {
                if (generation != m_requested)
                    return;
                m_delivered = generation;
                emit sceneReady(scene);
            },
            Qt::QueuedConnection);
    });
}

std::shared_ptr<const FlameScene> FlameLayoutJob::compute(const FlameRequest& request) {
    auto scene = std::make_shared<FlameScene>();
    if (request.reuse) {
        scene->tree = request.reuse->tree;
        scene->diff = request.reuse->diff;
    } else if (request.baseline) {
        scene->tree = std::make_shared<const CallTree>(request.profile, request.filter);
        scene->diff = std::make_shared<const ProfileDiff>(
            std::make_shared<const CallTree>(request.baseline, request.filter), scene->tree);
    } else {
        scene->tree = std::make_shared<const CallTree>(request.profile, request.filter);
    }
    const std::vector<std::string_view> names(request.zoomPath.begin(), request.zoomPath.end());
    const NodeId zoom = scene->tree->find(names).value_or(kRootNode);
    scene->layout = FlameLayout(*scene->tree, zoom, request.width);
    scene->search = FrameSearch(*scene->tree, request.search);
    return scene;
}

} // namespace perflab

// FlameLayoutJob: one worker thread (a job tracker's); only the newest request's scene reaches the GUI
// thread.
#include "widgets/flame/flame_layout_job.h"

#include <QtDebug>

namespace perflab {

FlameLayoutJob::FlameLayoutJob(QObject* parent)
    : QObject(parent) {}

void FlameLayoutJob::request(FlameRequest request) {
    m_tracker.start([request = std::move(request)] { return compute(request); },
                    [this](std::shared_ptr<const FlameScene> scene) { emit sceneReady(std::move(scene)); },
                    [](const QString& message) {
                        qWarning("perflab: the flame graph's layout failed: %s", qUtf8Printable(message));
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

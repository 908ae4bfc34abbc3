// Builds flame scenes (call tree, differential, layout, search) on a worker thread; a newer request
// supersedes older ones, whose results are dropped.
#pragma once

#include "model/profile/call_tree.h"
#include "model/profile/flame_layout.h"
#include "model/profile/frame_search.h"
#include "model/profile/profile_diff.h"
#include "widgets/jobs/job_tracker.h"

#include <QObject>

#include <memory>
#include <string>
#include <vector>

namespace perflab {

// What a flame view paints: an immutable snapshot handed from the worker to the GUI thread.
struct FlameScene {
    std::shared_ptr<const CallTree> tree;
    std::shared_ptr<const ProfileDiff> diff; // set in differential mode; its comparison() is `tree`
    FlameLayout layout;
    FrameSearch search;
};

struct FlameRequest {
    std::shared_ptr<const Profile> profile;  // the profile shown (the comparison in differential mode)
    std::shared_ptr<const Profile> baseline; // set for a differential
    ProfileFilter filter;
    // A scene whose tree (and diff) still fit the profile and filter: only the layout and search are redone.
    std::shared_ptr<const FlameScene> reuse;
    // The zoomed frame by names from the outermost frame, so it survives a new tree; the root if missing.
    std::vector<std::string> zoomPath;
    double width = 0;
    std::string search;
};

class FlameLayoutJob : public QObject {
    Q_OBJECT
public:
    explicit FlameLayoutJob(QObject* parent = nullptr);

    void request(FlameRequest request);
    bool isPending() const { return m_tracker.isBusy(); }

    // Computes a scene on the calling thread (what the worker runs).
    static std::shared_ptr<const FlameScene> compute(const FlameRequest& request);

signals:
    void sceneReady(std::shared_ptr<const perflab::FlameScene> scene);

private:
    JobTracker m_tracker{this};
};

} // namespace perflab

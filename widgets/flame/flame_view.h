// A flame graph of a profile (or of the change between two): zoom, breadcrumbs, search, thread and engine
// filters, flame or icicle orientation. Layouts are computed on a worker; painting draws the ready result.
#pragma once

#include "model/profile/profile.h"
#include "widgets/flame/flame_layout_job.h"

#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QToolButton;

namespace perflab {

class FlameBreadcrumb;
class FlameCanvas;

class FlameView : public QWidget {
    Q_OBJECT
public:
    enum class Orientation { Flame, Icicle };

    explicit FlameView(QWidget* parent = nullptr);
    ~FlameView() override;

    // Shows `profile`, zoomed out; the filter choices become its threads and engines.
    void setProfile(std::shared_ptr<const Profile> profile);
    // A newer snapshot of the profile shown (a live run's): the zoom, filter and search stay.
    void refreshProfile(std::shared_ptr<const Profile> profile);
    // Shows `comparison` colored by the change of each frame's self share against `baseline`.
    void setDifferential(std::shared_ptr<const Profile> baseline, std::shared_ptr<const Profile> comparison);
    void setOrientation(Orientation orientation);
    Orientation orientation() const;
    void setSearchText(const QString& text);
    void setFilter(const ProfileFilter& filter);

    // The scene painted now (null before the first layout arrives) and whether a newer one is coming.
    const FlameScene* scene() const { return m_scene.get(); }
    bool isLayoutPending() const { return m_job->isPending(); }
    FlameCanvas* canvas() const { return m_canvas; }
    // "12.50 % of samples match" while a search is active, else empty.
    QString matchSummary() const;

public slots:
    // `node` is a node of the current scene's tree.
    void zoomTo(perflab::NodeId node);
    // Back to the previous zoom, if any.
    void back();

signals:
    void sceneChanged();

private:
    void buildToolbar();
    void showScene(std::shared_ptr<const FlameScene> scene);
    void requestLayout();
    void fillFilterChoices();
    void resetTo(std::shared_ptr<const Profile> baseline, std::shared_ptr<const Profile> profile);

    FlameLayoutJob* m_job;
    FlameCanvas* m_canvas;
    QScrollArea* m_scroll;
    FlameBreadcrumb* m_breadcrumb;
    QToolButton* m_back;
    QToolButton* m_icicle;
    QLineEdit* m_search;
    QLabel* m_matched;
    QComboBox* m_filterChoice;

    std::shared_ptr<const Profile> m_profile;
    std::shared_ptr<const Profile> m_baseline;
    ProfileFilter m_filter;
    std::vector<std::string> m_zoomPath;
    std::vector<std::vector<std::string>> m_history;
    std::shared_ptr<const FlameScene> m_scene;
    bool m_sceneFitsProfile = false; // the scene's tree is of the current profiles and filter
};

} // namespace perflab

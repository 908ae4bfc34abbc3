// FlameView: holds what the user chose (profiles, filter, zoom path, search) and asks the layout job for a
// scene whenever a choice or the width changes; the newest scene is what the canvas paints.
#include "widgets/flame/flame_view.h"

#include "widgets/flame/flame_breadcrumb.h"
#include "widgets/flame/flame_canvas.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace perflab {

namespace {

QString fromStd(const std::string& s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

FlameView::FlameView(QWidget* parent)
    : QWidget(parent)
    , m_job(new FlameLayoutJob(this))
    , m_canvas(new FlameCanvas)
    , m_scroll(new QScrollArea)
    , m_breadcrumb(new FlameBreadcrumb)
    , m_back(new QToolButton)
    , m_icicle(new QToolButton)
    , m_search(new QLineEdit)
    , m_matched(new QLabel)
    , m_filterChoice(new QComboBox) {
    buildToolbar();
    m_scroll->setWidget(m_canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_filterChoice);
    controls->addWidget(m_search);
    controls->addWidget(m_matched);
    controls->addStretch(1);
    controls->addWidget(m_icicle);
    column->addLayout(controls);
    // The path gets a row of its own: deep stacks have long names.
    auto* path = new QHBoxLayout;
    path->addWidget(m_back);
    path->addWidget(m_breadcrumb, 1);
    column->addLayout(path);
    column->addWidget(m_scroll, 1);

    connect(m_job, &FlameLayoutJob::sceneReady, this, &FlameView::showScene);
    connect(m_canvas, &FlameCanvas::zoomRequested, this, &FlameView::zoomTo);
    connect(m_canvas, &FlameCanvas::widthChanged, this, &FlameView::requestLayout);
    connect(m_breadcrumb, &FlameBreadcrumb::crumbClicked, this, [this](int depth) {
        if (m_scene)
            zoomTo(m_scene->tree->path(m_scene->layout.zoom()).at(static_cast<std::size_t>(depth)));
    });
    // Keep the root in view in flame orientation, where it sits at the bottom of a tall canvas.
    connect(m_scroll->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (!m_icicle->isChecked())
            m_scroll->verticalScrollBar()->setValue(maximum);
    });
}

FlameView::~FlameView() = default;

void FlameView::buildToolbar() {
    m_back->setObjectName(QStringLiteral("back"));
    m_back->setText(tr("Back"));
    m_back->setToolTip(tr("Back to the previous zoom (Backspace, Alt+Left)"));
    m_back->setEnabled(false);
    connect(m_back, &QToolButton::clicked, this, &FlameView::back);
    for (const QKeySequence& keys : {QKeySequence(Qt::Key_Backspace), QKeySequence(Qt::ALT | Qt::Key_Left)}) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &FlameView::back);
    }
    m_icicle->setText(tr("Icicle"));
    m_icicle->setToolTip(tr("Root at the top (icicle) instead of at the bottom (flame)"));
    m_icicle->setCheckable(true);
    connect(m_icicle, &QToolButton::toggled, this, [this](bool on) {
        m_canvas->setIcicle(on);
        m_scroll->verticalScrollBar()->setValue(on ? 0 : m_scroll->verticalScrollBar()->maximum());
    });
    m_search->setPlaceholderText(tr("Search frames"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(180);
    connect(m_search, &QLineEdit::textChanged, this, &FlameView::requestLayout);
    m_matched->setMinimumWidth(m_matched->fontMetrics().horizontalAdvance(tr("100.00 % of samples match")));
    m_filterChoice->setToolTip(tr("Show the samples of one thread or engine"));
    connect(m_filterChoice, &QComboBox::activated, this, [this](int index) {
        const QStringList choice = m_filterChoice->itemData(index).toStringList();
        ProfileFilter filter;
        if (choice.size() == 2)
            (choice[0] == QLatin1String("thread") ? filter.thread : filter.engine) = choice[1].toStdString();
        setFilter(filter);
    });
}

void FlameView::setProfile(std::shared_ptr<const Profile> profile) {
    resetTo(nullptr, std::move(profile));
}

void FlameView::refreshProfile(std::shared_ptr<const Profile> profile) {
    m_profile = std::move(profile);
    m_sceneFitsProfile = false;
    fillFilterChoices();
    requestLayout();
}

void FlameView::setDifferential(std::shared_ptr<const Profile> baseline,
                                std::shared_ptr<const Profile> comparison) {
    resetTo(std::move(baseline), std::move(comparison));
}

void FlameView::resetTo(std::shared_ptr<const Profile> baseline, std::shared_ptr<const Profile> profile) {
    m_baseline = std::move(baseline);
    m_profile = std::move(profile);
    m_filter = {};
    m_zoomPath.clear();
    m_history.clear();
    m_sceneFitsProfile = false;
    fillFilterChoices();
    requestLayout();
}

void FlameView::fillFilterChoices() {
    std::set<std::string> threads, engines;
    for (const auto& p : {m_profile, m_baseline}) {
        if (!p)
            continue;
        for (std::string& t : p->threads())
            threads.insert(std::move(t));
        for (std::string& e : p->engines())
            engines.insert(std::move(e));
    }
    m_filterChoice->clear();
    m_filterChoice->addItem(tr("All threads and engines"));
    for (const std::string& e : engines)
        m_filterChoice->addItem(tr("Engine: %1").arg(fromStd(e)),
                                QStringList{QStringLiteral("engine"), fromStd(e)});
    for (const std::string& t : threads)
        m_filterChoice->addItem(tr("Thread: %1").arg(fromStd(t)),
                                QStringList{QStringLiteral("thread"), fromStd(t)});
    m_filterChoice->setVisible(m_filterChoice->count() > 1);
    const QStringList chosen =
        !m_filter.engine.empty()   ? QStringList{QStringLiteral("engine"), fromStd(m_filter.engine)}
        : !m_filter.thread.empty() ? QStringList{QStringLiteral("thread"), fromStd(m_filter.thread)}
                                   : QStringList{};
    m_filterChoice->setCurrentIndex(std::max(0, m_filterChoice->findData(chosen)));
}

void FlameView::setFilter(const ProfileFilter& filter) {
    m_filter = filter;
    m_sceneFitsProfile = false;
    requestLayout();
}

void FlameView::setOrientation(Orientation orientation) {
    m_icicle->setChecked(orientation == Orientation::Icicle);
}

FlameView::Orientation FlameView::orientation() const {
    return m_icicle->isChecked() ? Orientation::Icicle : Orientation::Flame;
}

void FlameView::setSearchText(const QString& text) {
    m_search->setText(text);
}

void FlameView::zoomTo(NodeId node) {
    if (!m_scene || node >= m_scene->tree->size())
        return;
    m_history.push_back(m_zoomPath);
    m_zoomPath.clear();
    for (NodeId n : m_scene->tree->path(node))
        if (n != kRootNode)
            m_zoomPath.emplace_back(m_scene->tree->name(n));
    requestLayout();
}

void FlameView::back() {
    if (m_history.empty())
        return;
    m_zoomPath = std::move(m_history.back());
    m_history.pop_back();
    requestLayout();
}

void FlameView::requestLayout() {
    if (!m_profile)
        return;
    m_job->request({.profile = m_profile,
                    .baseline = m_baseline,
                    .filter = m_filter,
                    .reuse = m_sceneFitsProfile ? m_scene : nullptr,
                    .zoomPath = m_zoomPath,
                    .width = static_cast<double>(m_canvas->width()),
                    .search = m_search->text().toStdString()});
}

void FlameView::showScene(std::shared_ptr<const FlameScene> scene) {
    m_scene = std::move(scene);
    m_sceneFitsProfile = true;
    m_canvas->setScene(m_scene);
    QStringList crumbs;
    for (NodeId n : m_scene->tree->path(m_scene->layout.zoom())) {
        const std::string_view name = m_scene->tree->name(n);
        crumbs.append(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
    }
    m_breadcrumb->setPath(crumbs);
    m_back->setEnabled(!m_history.empty());
    m_matched->setText(matchSummary());
    emit sceneChanged();
}

QString FlameView::matchSummary() const {
    if (!m_scene || !m_scene->search.isActive())
        return {};
    return tr("%1 % of samples match").arg(QLocale().toString(100 * m_scene->search.matchedShare(), 'f', 2));
}

} // namespace perflab

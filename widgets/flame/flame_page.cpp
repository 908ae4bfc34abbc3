// FlamePage: whole-run reads add only the slices that arrived since the last read to the profile shown;
// range reads merge the range's slices afresh (model/store/run_profile.h). The newest request wins.
#include "widgets/flame/flame_page.h"

#include "model/format/figure_format.h"
#include "widgets/flame/flame_view.h"
#include "widgets/jobs/store_requests.h"

#include <QStringList>
#include <QVBoxLayout>

#include <algorithm>

namespace perflab {

namespace {

QString elapsed(std::int64_t ms) {
    const std::int64_t s = std::max<std::int64_t>(0, ms / 1000);
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

FlamePage::FlamePage(StoreRequests& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_caption(new QLabel(tr("Open or start a run to see its profile.")))
    , m_view(new FlameView) {
    m_caption->setObjectName(QStringLiteral("flameCaption"));
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(12, 10, 12, 8);
    column->addWidget(m_caption);
    column->addWidget(m_view, 1);
    m_refresh.setInterval(std::chrono::seconds(2));
    connect(&m_refresh, &QTimer::timeout, this, &FlamePage::load);
    connect(&m_store, &StoreRequests::profileRead, this,
            [this](const std::shared_ptr<const RunProfile>& read) {
                m_loading = false;
                present(*read);
            });
    connect(&m_store, &StoreRequests::profileFailed, this, &FlamePage::showFailure);
}

FlamePage::~FlamePage() = default;

void FlamePage::showRun(qint64 runId, bool running) {
    m_runId = runId;
    m_range.reset();
    m_profile.reset();
    m_profileEndMs = INT64_MIN;
    m_loading = false;
    running ? m_refresh.start() : m_refresh.stop();
    load();
}

void FlamePage::showRange(qint64 fromMs, qint64 toMs) {
    if (m_runId == 0 || toMs <= fromMs)
        return;
    m_range = {fromMs, toMs};
    m_profile.reset();
    m_profileEndMs = INT64_MIN;
    m_loading = false;
    load();
}

void FlamePage::runEnded() {
    m_refresh.stop();
    m_loading = false; // a read in flight may predate the last slices: read again
    load();
}

void FlamePage::load() {
    if (m_runId == 0 || m_loading)
        return;
    m_loading = true;
    m_store.readProfile({.runId = m_runId, .range = m_range, .held = m_profile, .heldEndMs = m_profileEndMs});
}

void FlamePage::showFailure(const QString& message) {
    m_loading = false;
    m_caption->setText(tr("Cannot read the profile: %1").arg(message));
    emit profileShown();
}

void FlamePage::present(const RunProfile& loaded) {
    const QString run = tr("Run #%1 %2").arg(loaded.run.id).arg(QString::fromStdString(loaded.run.name));
    if (!loaded.profile) {
        m_caption->setText(loaded.run.status == RunStatus::Running
                               ? tr("%1 · no profile yet: waiting for the profiler's first slice").arg(run)
                               : tr("%1 · no profile: it was run without the profiler").arg(run));
        m_view->setProfile(std::make_shared<const Profile>());
        emit profileShown();
        return;
    }
    QStringList sources;
    for (const std::string& source : loaded.sources)
        sources.append(QString::fromStdString(source));
    const QString range = m_range ? tr("%1 to %2 of the run")
                                        .arg(elapsed(m_range->first - loaded.run.startedMs),
                                             elapsed(m_range->second - loaded.run.startedMs))
                                  : tr("whole run");
    m_caption->setText(tr("%1 · sampled by %2 · %3 · %4 samples%5")
                           .arg(run, sources.join(QStringLiteral(", ")), range,
                                QString::fromStdString(formatCount(loaded.profile->totalSamples())),
                                m_refresh.isActive() ? tr(" · live") : QString()));
    const bool first = !m_profile;
    if (!m_range)
        m_profileEndMs = loaded.endMs;
    if (first)
        m_view->setProfile(loaded.profile);
    else if (loaded.changed)
        m_view->refreshProfile(loaded.profile);
    m_profile = loaded.profile;
    emit profileShown();
}

} // namespace perflab

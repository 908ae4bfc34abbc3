// SloBadgeStrip: badges from the scenario's limits, turned red by the run's breach events and verdicts.
#include "widgets/dashboard/slo_badges.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace perflab {
namespace {

struct Presentation {
    const char* name;
    const char* shortName;
    const char* unit;
    double scale; // from the SLO's unit to the shown one
};

constexpr Presentation kPresentations[] = {
    {"p95_ms", "p95", " ms", 1},
    {"min_rpm", "rpm", " req/min", 1},
    {"max_error_rate", "errors", " %", 100},
    {"min_availability", "availability", " %", 100},
    {"max_cpu_percent", "CPU", " %", 1},
    {"max_memory_percent", "memory", " %", 1},
    {"max_degraded_rate", "degraded", " %", 100},
};

const Presentation& presentationOf(const SloResult& slo) {
    const auto* it = std::find_if(std::begin(kPresentations), std::end(kPresentations),
                                  [&](const Presentation& p) { return slo.name == p.name; });
    return it != std::end(kPresentations) ? *it : kPresentations[0];
}

QString number(double value) {
    const QLocale english(QLocale::English);
    return std::fabs(value) >= 1000 ? english.toString(value, 'f', 0) : english.toString(value, 'g', 4);
}

QString shown(const SloResult& slo, double value) {
    const Presentation& p = presentationOf(slo);
    return number(value * p.scale) + QString::fromLatin1(p.unit);
}

// "p95 < 100 ms", "rpm ≥ 10,000 req/min over 1m".
QString limitText(const SloResult& slo) {
    QString text = QString::fromLatin1(presentationOf(slo).shortName) +
                   (isFloor(slo) ? QStringLiteral(" ≥ ") : QStringLiteral(" < ")) + shown(slo, slo.threshold);
    if (slo.windowS > 0)
        text += QStringLiteral(" over ") +
                QString::fromStdString(formatDuration(Millis(static_cast<std::int64_t>(slo.windowS * 1000))));
    return text;
}

// Judged on every second (the whole-run maxima) or on every full window: it can breach while the run goes.
bool judgedLive(const SloResult& slo) {
    return slo.windowS > 0 || slo.name == "max_cpu_percent" || slo.name == "max_memory_percent";
}

} // namespace

QString formatRunTime(std::int64_t elapsedMs) {
    const std::int64_t s = std::max<std::int64_t>(0, elapsedMs / 1000);
    const QString minSec = QStringLiteral("%1:%2")
                               .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                               .arg(s % 60, 2, 10, QLatin1Char('0'));
    return s >= 3600 ? QStringLiteral("%1:%2").arg(s / 3600).arg(minSec) : minSec;
}

SloBadgeStrip::SloBadgeStrip(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout)
    , m_caption(new QLabel(tr("SLOs"), this))
    , m_noEvidence(new QLabel(this)) {
    // The badges in a row; under them, once a run failed for want of evidence, why (full width, wrapped).
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    rows->addLayout(m_layout);
    rows->addWidget(m_noEvidence);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    QFont bold = m_caption->font();
    bold.setBold(true);
    m_caption->setFont(bold);
    m_layout->addWidget(m_caption);
    m_layout->addStretch(1);
    m_noEvidence->setObjectName(QStringLiteral("noEvidence"));
    m_noEvidence->setStyleSheet(QStringLiteral("color: #b71c1c; font-weight: bold;"));
    m_noEvidence->setWordWrap(true);
    m_noEvidence->hide();
    // As tall as a badge (its text and 2 px padding) before there is any: a strip growing when a run's badges
    // arrive would resize every chart under it.
    setMinimumHeight(fontMetrics().height() + 4);
}

void SloBadgeStrip::clear() {
    for (Badge& badge : m_badges)
        delete badge.label;
    m_badges.clear();
    m_caption->setText(tr("SLOs"));
    m_caption->setToolTip({});
    m_noEvidence->hide();
}

void SloBadgeStrip::showNoEvidence(const QString& reason, bool failed) {
    m_noEvidence->setText((failed ? tr("Failed: %1") : tr("No evidence for a verdict: %1")).arg(reason));
    m_noEvidence->setVisible(!reason.isEmpty());
}

void SloBadgeStrip::showUnavailable(const QString& reason) {
    clear();
    m_caption->setText(tr("SLOs unavailable: %1").arg(reason));
}

void SloBadgeStrip::setSlos(const SloSpec& spec, std::int64_t runStartMs) {
    clear();
    m_runStartMs = runStartMs;
    std::vector<SloResult> slos = judgeSlos(spec, {});
    for (SloResult& window : SloMonitor(spec).windowResults())
        slos.push_back(std::move(window));
    for (SloResult& slo : slos) {
        slo.pass = true;
        auto* label = new QLabel(this);
        label->setObjectName(QStringLiteral("sloBadge"));
        m_layout->insertWidget(m_layout->count() - 1, label); // before the trailing stretch
        m_badges.push_back({.slo = std::move(slo),
                            .breachedAtMs = {},
                            .breach = {},
                            .latest = {},
                            .verdict = {},
                            .label = label});
        refresh(m_badges.back());
    }
    if (m_badges.empty())
        m_caption->setText(tr("SLOs: none set"));
}

void SloBadgeStrip::addEvents(const std::vector<RunEvent>& events) {
    for (const RunEvent& event : events) {
        if (event.kind != EventKind::SloBreach)
            continue;
        for (Badge& badge : m_badges) {
            const std::string subject = breachSubject(badge.slo) + ": ";
            // The first breach counts; an event can arrive after the summary judged the same limit at the
            // end.
            const bool earlier = !badge.breachedAtMs || event.tsMs < *badge.breachedAtMs;
            if (event.message.compare(0, subject.size(), subject) == 0 && earlier)
                breach(badge, event.tsMs, QString::fromStdString(event.message));
        }
    }
}

void SloBadgeStrip::showVerdicts(const std::vector<SloResult>& verdicts, std::int64_t endMs) {
    for (const SloResult& verdict : verdicts) {
        for (Badge& badge : m_badges) {
            if (label(badge.slo) != label(verdict))
                continue;
            badge.verdict = verdict.value;
            if (verdict.pass || badge.breachedAtMs) {
                refresh(badge);
                continue;
            }
            const std::int64_t atMs =
                verdict.breachedAtS ? m_runStartMs + std::llround(*verdict.breachedAtS * 1000) : endMs;
            breach(badge, atMs, QString::fromStdString(describeBreach(verdict)));
        }
    }
}

void SloBadgeStrip::showLatest(const IntervalRow& row) {
    const SloFigures second{.p95Ms = row.latency.p95,
                            .rpm = row.throughputRps() * 60,
                            .errorRate = row.counts.errorRate(),
                            .cpuPercent = row.resources.processCpuPercent,
                            .memoryPercent = row.resources.processMemoryPercent,
                            .degradedRate = row.counts.degradedRate()};
    const SloLimits every{.p95Ms = 0,
                          .minRpm = 0,
                          .maxErrorRate = 0,
                          .minAvailability = 0,
                          .maxCpuPercent = 0,
                          .maxMemoryPercent = 0,
                          .maxDegradedRate = 0};
    const std::vector<SloResult> figures = judgeSlos(every, second);
    for (Badge& badge : m_badges) {
        for (const SloResult& figure : figures)
            if (figure.name == badge.slo.name)
                badge.latest = figure.value;
        refresh(badge);
    }
}

QString SloBadgeStrip::text(std::size_t index) const {
    return m_badges.at(index).label->text();
}

void SloBadgeStrip::breach(Badge& badge, std::int64_t atMs, const QString& description) {
    badge.slo.pass = false;
    badge.breachedAtMs = atMs;
    badge.breach = description;
    refresh(badge);
}

void SloBadgeStrip::refresh(Badge& badge) {
    const bool breached = badge.breachedAtMs.has_value();
    QString text = limitText(badge.slo);
    if (breached)
        text += QStringLiteral(" — breached at ") + formatRunTime(*badge.breachedAtMs - m_runStartMs);
    badge.label->setText(text);
    if (badge.label->property("breached").toBool() != breached || badge.label->styleSheet().isEmpty()) {
        badge.label->setProperty("breached", breached); // restyling repolishes: only when it changes
        badge.label->setStyleSheet(
            breached ? QStringLiteral("#sloBadge { background: #c62828; color: white; border-radius: 10px; "
                                      "padding: 2px 10px; font-weight: bold; }")
                     : QStringLiteral("#sloBadge { background: #2e7d32; color: white; border-radius: 10px; "
                                      "padding: 2px 10px; }"));
    }

    QStringList tip;
    tip.append(tr("%1: threshold %2 %3")
                   .arg(QString::fromStdString(label(badge.slo)),
                        isFloor(badge.slo) ? QStringLiteral("≥") : QStringLiteral("<"),
                        shown(badge.slo, badge.slo.threshold)));
    if (badge.latest)
        tip.append(tr("Last second: %1").arg(shown(badge.slo, *badge.latest)));
    if (badge.verdict)
        tip.append(tr("Run's verdict value: %1").arg(shown(badge.slo, *badge.verdict)));
    else if (!judgedLive(badge.slo))
        tip.append(tr("Judged over the whole run when it ends."));
    if (breached)
        tip.append(tr("Breached at %1 (run time): %2")
                       .arg(formatRunTime(*badge.breachedAtMs - m_runStartMs), badge.breach));
    badge.label->setToolTip(tip.join(QLatin1Char('\n')));
}

} // namespace perflab

// ComparePage: run pickers and tolerance on top, the verdict banner, then the figures and the two runs on
// the left and the overlaid percentile spectra on the right. The store service reads the runs; a newer pick
// drops the answer to an older one.
#include "widgets/history/compare_page.h"

#include "model/format/figure_format.h"
#include "widgets/charts/xy_chart.h"
#include "widgets/jobs/store_requests.h"
#include "widgets/report/report_pages.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace perflab {
namespace {

const QString kBaselineSeries = QStringLiteral("baseline");
const QString kCandidateSeries = QStringLiteral("candidate");

QString runLabel(const RunInfo& run) {
    return QStringLiteral("#%1  %2  ·  %3")
        .arg(run.id)
        .arg(text(run.name),
             QDateTime::fromMSecsSinceEpoch(run.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

QColor changeColor(const FigureChange& f) {
    if (!f.judged || f.direction == 0)
        return {0x54, 0x6e, 0x7a};
    return f.direction > 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28);
}

QString bannerStyle(ComparisonVerdict verdict) {
    const char* colors =
        verdict == ComparisonVerdict::Improved     ? "#e8f5e9; color: #1b5e20; border-color: #a5d6a7"
        : verdict == ComparisonVerdict::Regression ? "#fdecea; color: #8e1c1c; border-color: #f5c2c0"
                                                   : "#eceff1; color: #37474f; border-color: #cfd8dc";
    return QStringLiteral(
               "QLabel { background: %1; border-width: 1px; border-style: solid; border-radius: 4px; "
               "padding: 8px 14px; }")
        .arg(QString::fromLatin1(colors));
}

QTableWidgetItem* cell(const QString& value, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(value);
    item->setTextAlignment(alignment);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(26);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    return table;
}

// Tall enough for every row: the page shows whole tables, never a scroll bar inside them.
void fitHeight(QTableWidget& table) {
    int height = table.horizontalHeader()->sizeHint().height() + 2 * table.frameWidth();
    for (int row = 0; row < table.rowCount(); ++row)
        height += table.rowHeight(row);
    table.setFixedHeight(height);
}

} // namespace

ComparePage::ComparePage(StoreRequests& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_baselineBox(new QComboBox(this))
    , m_candidateBox(new QComboBox(this))
    , m_tolerance(new QDoubleSpinBox(this))
    , m_verdict(new QLabel(this))
    , m_verdictDetail(new QLabel(this))
    , m_figures(makeTable({tr("Figure"), tr("Baseline"), tr("Candidate"), tr("Change"), tr("")}, this))
    , m_runs(makeTable({tr(""), tr("Baseline"), tr("Candidate")}, this))
    , m_spectra(new XyChart(tr("Latency by percentile (corrected, from intended send time)"),
                            tr("percentile"), tr("ms"), XyChart::XAxis::Percentile, this)) {
    for (QComboBox* box : {m_baselineBox, m_candidateBox}) {
        box->setMinimumWidth(360);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    }
    m_tolerance->setRange(0, 100);
    m_tolerance->setDecimals(1);
    m_tolerance->setSingleStep(0.5);
    m_tolerance->setSuffix(QStringLiteral(" %"));
    m_tolerance->setValue(kDefaultTolerancePercent);
    m_tolerance->setToolTip(tr("A figure counts as changed when it moves by more than this"));
    auto* swap = new QPushButton(tr("Swap"), this);
    swap->setToolTip(tr("Swap baseline and candidate"));
    m_runs->horizontalHeaderItem(0)->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_figures->horizontalHeaderItem(0)->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_figures->horizontalHeader()->setSectionResizeMode(4, QHeaderView::ResizeToContents);
    m_spectra->addSeries(kBaselineSeries, QColor(0x78, 0x90, 0x9c), Qt::DashLine);
    m_spectra->addSeries(kCandidateSeries, QColor(0x15, 0x65, 0xc0));
    m_spectra->setMinimumWidth(480);

    QFont big = m_verdict->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_verdict->setFont(big);
    m_verdictDetail->setWordWrap(true);

    auto* picks = new QHBoxLayout;
    picks->addWidget(new QLabel(tr("Baseline"), this));
    picks->addWidget(m_baselineBox, 1);
    picks->addWidget(swap);
    picks->addWidget(new QLabel(tr("Candidate"), this));
    picks->addWidget(m_candidateBox, 1);
    picks->addSpacing(16);
    picks->addWidget(new QLabel(tr("Tolerance"), this));
    picks->addWidget(m_tolerance);
    auto* banner = new QVBoxLayout;
    banner->setSpacing(2);
    banner->addWidget(m_verdict);
    banner->addWidget(m_verdictDetail);
    auto* left = new QVBoxLayout;
    left->setSpacing(10);
    left->addWidget(m_figures);
    left->addWidget(m_runs);
    left->addStretch(1);
    auto* body = new QHBoxLayout;
    body->setSpacing(16);
    body->addLayout(left, 5);
    body->addWidget(m_spectra, 6);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(picks);
    layout->addLayout(banner);
    layout->addLayout(body, 1);

    connect(m_baselineBox, &QComboBox::currentIndexChanged, this, &ComparePage::load);
    connect(m_candidateBox, &QComboBox::currentIndexChanged, this, &ComparePage::load);
    connect(m_tolerance, &QDoubleSpinBox::valueChanged, this, &ComparePage::showComparison);
    connect(&m_store, &StoreRequests::comparisonRead, this, &ComparePage::showRuns);
    connect(&m_store, &StoreRequests::comparisonFailed, this,
            [this](const QString& message) { showMessage(tr("Could not read the runs: %1").arg(message)); });
    connect(swap, &QPushButton::clicked, this, [this] {
        const auto baseline = picked(m_baselineBox);
        const auto candidate = picked(m_candidateBox);
        if (baseline && candidate)
            compare(*candidate, *baseline);
    });
    showMessage(tr("Pick two runs to compare."));
}

std::optional<std::int64_t> ComparePage::picked(const QComboBox* box) const {
    const QVariant id = box->currentData();
    return id.isValid() ? std::optional(id.toLongLong()) : std::nullopt;
}

void ComparePage::setRuns(const std::vector<RunHistoryEntry>& runs) {
    std::optional<std::int64_t> baseline = picked(m_baselineBox);
    std::optional<std::int64_t> candidate = picked(m_candidateBox);
    const auto holds = [&](std::optional<std::int64_t> id) {
        return id && std::any_of(runs.begin(), runs.end(), [&](const auto& e) { return e.run.id == *id; });
    };
    if (!holds(baseline)) {
        baseline.reset();
        for (const RunHistoryEntry& e : runs)
            if (e.run.baseline)
                baseline = e.run.id;
    }
    if (!holds(candidate)) {
        candidate.reset();
        for (auto e = runs.rbegin(); e != runs.rend() && !candidate; ++e)
            if (e->run.id != baseline)
                candidate = e->run.id;
    }
    if (!baseline && !runs.empty() && candidate != runs.front().run.id)
        baseline = runs.front().run.id; // no baseline marked: the oldest run
    for (QComboBox* box : {m_baselineBox, m_candidateBox}) {
        const QSignalBlocker block(box);
        box->clear();
        for (auto e = runs.rbegin(); e != runs.rend(); ++e) {
            box->addItem((e->run.baseline ? QStringLiteral("★ ") : QString()) + runLabel(e->run),
                         QVariant::fromValue<qlonglong>(e->run.id));
            box->setItemData(box->count() - 1,
                             tr("%1 run, %2").arg(text(toString(e->run.kind)), text(toString(e->run.status))),
                             Qt::ToolTipRole);
        }
        const auto id = box == m_baselineBox ? baseline : candidate;
        box->setCurrentIndex(id ? box->findData(QVariant::fromValue<qlonglong>(*id)) : -1);
    }
    load();
}

void ComparePage::compare(std::int64_t baselineId, std::int64_t candidateId) {
    for (auto [box, id] : {std::pair{m_baselineBox, baselineId}, std::pair{m_candidateBox, candidateId}}) {
        const QSignalBlocker block(box);
        box->setCurrentIndex(box->findData(QVariant::fromValue<qlonglong>(id)));
    }
    load();
}

void ComparePage::load() {
    const auto baselineId = picked(m_baselineBox);
    const auto candidateId = picked(m_candidateBox);
    if (!baselineId || !candidateId)
        return showMessage(tr("Pick two runs to compare."));
    if (m_baseline && m_candidate && m_baseline->run.id == *baselineId && m_candidate->run.id == *candidateId)
        return;
    m_verdictDetail->setText(tr("Reading runs #%1 and #%2…").arg(*baselineId).arg(*candidateId));
    m_store.readComparison(*baselineId, *candidateId);
}

void ComparePage::showRuns(std::shared_ptr<const RunReport> baseline,
                           std::shared_ptr<const RunReport> candidate) {
    m_baseline = std::move(baseline);
    m_candidate = std::move(candidate);
    m_spectra->setData(kBaselineSeries, spectrumPoints(m_baseline->latency));
    m_spectra->setData(kCandidateSeries, spectrumPoints(m_candidate->latency));
    fillRunTable();
    showComparison();
}

void ComparePage::showComparison() {
    if (!m_baseline || !m_candidate)
        return;
    m_comparison = compareRuns(m_baseline->summary, m_candidate->summary, m_tolerance->value());
    const Comparison& c = *m_comparison;
    m_figures->setRowCount(static_cast<int>(c.changes.size()));
    for (int row = 0; const FigureChange& f : c.changes) {
        m_figures->setItem(row, 0, cell(text(f.name), Qt::AlignLeft | Qt::AlignVCenter));
        m_figures->setItem(row, 1, cell(text(formatFigure(f, f.baseline))));
        m_figures->setItem(row, 2, cell(text(formatFigure(f, f.candidate))));
        m_figures->setItem(row, 3, cell(text(formatChangePercent(f.changePercent))));
        auto* label = cell(text(std::string(changeLabel(f))) + (f.judged ? QString() : tr(" (not judged)")),
                           Qt::AlignLeft | Qt::AlignVCenter);
        label->setForeground(changeColor(f));
        m_figures->setItem(row, 4, label);
        ++row;
    }
    fitHeight(*m_figures);
    m_verdict->setText(text(std::string(toString(c.verdict))).toUpper());
    m_verdict->setStyleSheet(bannerStyle(c.verdict));
    const FigureChange& p95 = c.changes[2];
    if (c.verdict == ComparisonVerdict::NotComparable)
        m_verdictDetail->setText(
            tr("Candidate #%1 against baseline #%2: %3. The figures are listed, not judged.")
                .arg(m_candidate->run.id)
                .arg(m_baseline->run.id)
                .arg(text(c.whyNotComparable)));
    else
        m_verdictDetail->setText(
            tr("Candidate #%1 against baseline #%2: throughput ×%3, p95 latency %4, error "
               "rate %5 → %6. Tolerance %7 %; resources are shown, not judged.")
                .arg(m_candidate->run.id)
                .arg(m_baseline->run.id)
                .arg(text(formatFixed(c.throughputRatio, 2)), text(formatChangePercent(p95.changePercent)),
                     text(formatFigure(c.changes[4], c.changes[4].baseline)),
                     text(formatFigure(c.changes[4], c.changes[4].candidate)))
                .arg(c.tolerancePercent));
    emit comparisonShown();
}

void ComparePage::fillRunTable() {
    const auto both = [&](auto field) { return QStringList{field(*m_baseline), field(*m_candidate)}; };
    const auto orDash = [](const std::string& s) { return s.empty() ? QStringLiteral("—") : text(s); };
    const std::vector<std::pair<QString, QStringList>> rows = {
        {tr("Run"), both([](const RunReport& r) { return QStringLiteral("#%1").arg(r.run.id); })},
        {tr("Name"), both([](const RunReport& r) { return text(r.run.name); })},
        {tr("Kind"), both([](const RunReport& r) { return text(toString(r.run.kind)); })},
        {tr("Target"), both([&](const RunReport& r) { return orDash(r.target); })},
        {tr("Status"), both([](const RunReport& r) { return text(toString(r.run.status)); })},
        {tr("Started"), both([](const RunReport& r) {
             return QDateTime::fromMSecsSinceEpoch(r.run.startedMs)
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
         })},
        {tr("Duration"), both([](const RunReport& r) { return text(formatDurationS(r.summary.durationS)); })},
        {tr("Requests"),
         both([](const RunReport& r) { return text(formatCount(r.summary.counts.requests)); })},
        {tr("Errors"), both([](const RunReport& r) { return text(formatCount(r.summary.counts.errors)); })},
    };
    m_runs->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; const auto& [caption, values] : rows) {
        m_runs->setItem(row, 0, cell(caption, Qt::AlignLeft | Qt::AlignVCenter));
        m_runs->setItem(row, 1, cell(values[0]));
        m_runs->setItem(row, 2, cell(values[1]));
        ++row;
    }
    fitHeight(*m_runs);
}

void ComparePage::showMessage(const QString& message) {
    m_baseline.reset();
    m_candidate.reset();
    m_comparison.reset();
    m_figures->setRowCount(0);
    m_runs->setRowCount(0);
    m_spectra->setData(kBaselineSeries, {});
    m_spectra->setData(kCandidateSeries, {});
    m_verdict->setText(tr("No comparison"));
    m_verdict->setStyleSheet(bannerStyle(ComparisonVerdict::NoChange));
    m_verdictDetail->setText(message);
}

QString ComparePage::verdictText() const {
    return m_verdict->text();
}

} // namespace perflab

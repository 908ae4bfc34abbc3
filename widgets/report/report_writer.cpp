// ReportWriter: one QPdfWriter page per report page at 96 dpi (so chart widgets render 1:1), a running
// header and "page N of M" footer, written through QSaveFile so a failed write leaves no partial file.
#include "widgets/report/report_writer.h"

#include "widgets/report/report_canvas.h"
#include "widgets/report/report_pages.h"

#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <stdexcept>

namespace perflab {
namespace {

constexpr int kDpi = 96;
constexpr double kMargin = 48;       // half an inch
constexpr double kHeaderHeight = 28; // header and footer bands inside the margins

QPageSize pageSize(ReportPageSize size) {
    return QPageSize(size == ReportPageSize::A4 ? QPageSize::A4 : QPageSize::Letter);
}

void paintFrame(QPainter& painter, const QRectF& area, const QString& left, const QString& right) {
    const QFont font = ReportCanvas::font(8);
    painter.setFont(font);
    painter.setPen(QColor(0x5f, 0x6b, 0x7a));
    const QFontMetricsF metrics(font, painter.device());
    const double rightWidth = metrics.horizontalAdvance(right);
    painter.drawText(QPointF(area.left(), area.top() + metrics.ascent()),
                     metrics.elidedText(left, Qt::ElideRight, area.width() - rightWidth - 24));
    painter.drawText(QPointF(area.right() - rightWidth, area.top() + metrics.ascent()), right);
}

} // namespace

std::size_t ReportWriter::chartBuckets(ReportPageSize size) {
    const double widthPx = pageSize(size).sizePoints().width() * kDpi / 72.0 - 2 * kMargin;
    return static_cast<std::size_t>(widthPx / 2);
}

ReportWriter::ReportWriter(const RunReport& run, const RunReport* baseline, ReportPageSize size)
    : m_run(run)
    , m_baseline(baseline)
    , m_size(size) {}

QStringList ReportWriter::pageTitles() const {
    QStringList titles;
    for (ReportPage page : reportPages(m_run, m_baseline != nullptr))
        titles.append(pageTitle(page));
    return titles;
}

void ReportWriter::write(const QString& file) const {
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write " + file.toStdString() + ": " +
                                 out.errorString().toStdString());
    {
        QPdfWriter pdf(&out);
        pdf.setResolution(kDpi);
        pdf.setPageSize(pageSize(m_size));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(QStringLiteral("Perflab report: %1").arg(text(m_run.run.name)));
        pdf.setCreator(QStringLiteral("Perflab"));
        QPainter painter(&pdf);
        const QRectF page(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
        const QRectF inner = page.adjusted(kMargin, kMargin * 0.75, -kMargin, -kMargin * 0.75);
        const auto pages = reportPages(m_run, m_baseline != nullptr);
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (i > 0)
                pdf.newPage();
            paintFrame(painter, inner, QStringLiteral("Perflab report: %1").arg(text(m_run.run.name)),
                       QStringLiteral("run #%1").arg(m_run.run.id));
            paintFrame(painter, QRectF(inner.left(), inner.bottom() - 12, inner.width(), 12),
                       pageTitle(pages[i]), QStringLiteral("page %1 of %2").arg(i + 1).arg(pages.size()));
            ReportCanvas canvas(painter, inner.adjusted(0, kHeaderHeight, 0, -kHeaderHeight));
            paintPage(pages[i], canvas, m_run, m_baseline);
        }
        if (!painter.end())
            throw std::runtime_error("cannot write " + file.toStdString() +
                                     ": the PDF could not be finished");
    }
    if (!out.commit())
        throw std::runtime_error("cannot write " + file.toStdString() + ": " +
                                 out.errorString().toStdString());
}

} // namespace perflab

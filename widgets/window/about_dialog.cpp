// AboutDialog: a heading, one line of purpose, and a two-column table of versions a bug report can quote.
#include "widgets/window/about_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace perflab {

AboutDialog::AboutDialog(const ComponentVersions& versions, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("About Perflab"));
    auto* heading = new QLabel(tr("Perflab"), this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    heading->setFont(big);
    auto* purpose =
        new QLabel(tr("A desktop performance lab: load, stress, soak, spike and dependency-failure "
                      "tests with live dashboards, flame views and PDF reports; the same runs "
                      "headless from the command line."),
                   this);
    purpose->setWordWrap(true);
    auto* table = new QFormLayout;
    table->setLabelAlignment(Qt::AlignRight);
    for (const auto& [component, version] : versions) {
        auto* value = new QLabel(version, this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        table->addRow(component + QLatin1Char(':'), value);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 12);
    layout->setSpacing(10);
    const QIcon icon = windowIcon();
    if (!icon.isNull()) {
        auto* logo = new QLabel(this);
        logo->setPixmap(icon.pixmap(48, 48));
        layout->addWidget(logo);
    }
    layout->addWidget(heading);
    layout->addWidget(purpose);
    layout->addLayout(table);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

} // namespace perflab

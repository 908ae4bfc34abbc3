// Help > About: what Perflab is and the versions it was built with (app/ supplies them).
#pragma once

#include <QDialog>
#include <QString>

#include <utility>
#include <vector>

namespace perflab {

using ComponentVersions = std::vector<std::pair<QString, QString>>; // (component, version), in display order

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const ComponentVersions& versions, QWidget* parent = nullptr);
};

} // namespace perflab

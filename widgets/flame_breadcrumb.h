// The path from the root to the zoomed frame, one button per frame: clicking one zooms out to it.
#pragma once

#include <QStringList>
#include <QWidget>

class QHBoxLayout;

namespace perflab {

class FlameBreadcrumb : public QWidget {
    Q_OBJECT
public:
    explicit FlameBreadcrumb(QWidget* parent = nullptr);

    // Root first; the last name is the zoomed frame (shown, not clickable).
    void setPath(const QStringList& names);
    QStringList path() const { return m_names; }

signals:
    // depth 0 is the root.
    void crumbClicked(int depth);

private:
    QHBoxLayout* m_layout;
    QStringList m_names;
};

} // namespace perflab

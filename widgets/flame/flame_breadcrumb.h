// The path from the root to the zoomed frame as buttons (a deep path shows its two ends): clicking one zooms
// out to that frame.
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
    void addLabel(const QString& text);

    QHBoxLayout* m_layout;
    QStringList m_names;
};

} // namespace perflab

// A row of headline figures (caption above a large value), e.g. requests, req/s, p95, errors.
#pragma once

#include <QString>
#include <QWidget>

#include <vector>

class QLabel;
class QHBoxLayout;

namespace perflab {

class HeadlineStrip : public QWidget {
    Q_OBJECT
public:
    explicit HeadlineStrip(QWidget* parent = nullptr);

    // Adds a figure the first time a key is used, then updates its value; the caption stays. A detail is a
    // small line under the value ("of 1,800 attempted"), hidden while empty.
    void setFigure(const QString& key, const QString& caption, const QString& value,
                   const QString& detail = {});
    // The value text shown for key; empty when there is no such figure.
    QString value(const QString& key) const;
    // The detail line shown for key; empty when hidden or there is no such figure.
    QString detail(const QString& key) const;

private:
    struct Figure {
        QString key;
        QLabel* value = nullptr;
        QLabel* detail = nullptr;
    };
    const Figure* find(const QString& key) const; // null when no figure has the key
    std::vector<Figure> m_figures;
    QHBoxLayout* m_layout = nullptr;
};

} // namespace perflab

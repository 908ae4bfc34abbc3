// Test setup, SLOs: the whole-run limits (empty = not judged) and abort on breach with its grace period.
#pragma once

#include <QJsonObject>
#include <QWidget>

#include <array>

class QCheckBox;
class QLineEdit;

namespace perflab {

class FieldErrors;

class SloEditor : public QWidget {
    Q_OBJECT
public:
    SloEditor(FieldErrors& errors, QWidget* parent = nullptr);

    // The "slo" object of a scenario file (sliding windows kept from the last load()).
    QJsonObject json() const;
    void load(const QJsonObject& slo);

signals:
    void edited();

private:
    std::array<QLineEdit*, 7> m_limits{};
    QCheckBox* m_abortOnBreach = nullptr;
    QLineEdit* m_grace = nullptr;
    QJsonObject m_kept;
};

} // namespace perflab

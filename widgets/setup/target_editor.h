// Test setup, target: a hosted engine (engine, variant, via, request body) or a URL (method, headers, body).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QStackedWidget;

namespace perflab {

class FieldErrors;

struct EngineChoice {
    QString name;
    QString description;
};

class TargetEditor : public QWidget {
    Q_OBJECT
public:
    TargetEditor(FieldErrors& errors, QWidget* parent = nullptr);

    // The hosted engines offered (app/ hands over the engine catalog).
    void setEngines(const std::vector<EngineChoice>& engines);
    // The "target" object of a scenario file; keys this editor does not show (timeout, cache, ...) are kept
    // from the last load().
    QJsonObject json() const;
    void load(const QJsonObject& target);

signals:
    void edited();

private:
    QWidget* makeEnginePage(FieldErrors& errors);
    QWidget* makeUrlPage(FieldErrors& errors);
    bool isEngine() const;

    QRadioButton* m_engineMode = nullptr;
    QRadioButton* m_urlMode = nullptr;
    QStackedWidget* m_pages = nullptr;
    QComboBox* m_engine = nullptr;
    QComboBox* m_variant = nullptr;
    QComboBox* m_via = nullptr;
    QComboBox* m_engineRequests = nullptr;
    QPlainTextEdit* m_engineBody = nullptr;
    QLineEdit* m_url = nullptr;
    QComboBox* m_method = nullptr;
    QPlainTextEdit* m_headers = nullptr;
    QPlainTextEdit* m_urlBody = nullptr;
    QLabel* m_requestsNote = nullptr;
    QJsonObject m_kept; // loaded keys the form has no field for
};

} // namespace perflab

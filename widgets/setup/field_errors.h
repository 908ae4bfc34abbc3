// Shows a scenario error beside the field its key path names ("workload.stages[1].target" → the stages
// table).
#pragma once

#include <QJsonValue>
#include <QString>

#include <functional>
#include <vector>

class QLabel;
class QWidget;

namespace perflab {

// A red, word-wrapped label for under a field; hidden until it has something to say.
QLabel* makeErrorLabel(QWidget* parent);
// The field with its error label right under it, as one form cell.
QWidget* withErrorLabel(QWidget* field, QLabel* error);
// Form text as the JSON the parser should judge: empty omits the key, a number is a number, anything else
// is passed on as text so the parser names what it expected.
QJsonValue numberOrText(const QString& text);

// A key path as the form shows it, rows counted from 1 as the tables number them:
// "workload.stages[0].duration" → "workload › stages row 1 › duration".
QString formKeyPath(const QString& keyPath);

// The index in "faults[2].value" for array "faults"; -1 when keyPath is not inside an element of it.
int elementIndex(const QString& keyPath, const QString& arrayPath);

class FieldErrors {
public:
    // `label` shows errors at `keyPath` and below it; `mark`, when given, also receives the full key path
    // (a table uses it to select the offending cell).
    void add(const QString& keyPath, QLabel* label, std::function<void(const QString&)> mark = {});
    // Hides every error, then shows `problem` at the entry with the longest key path that prefixes `keyPath`;
    // returns false when no entry takes it.
    bool show(const QString& keyPath, const QString& problem);
    void clear();

private:
    struct Entry {
        QString keyPath;
        QLabel* label = nullptr;
        std::function<void(const QString&)> mark;
    };
    std::vector<Entry> m_entries;
};

} // namespace perflab

// TargetEditor: two pages behind a radio choice; the JSON it writes is judged by the scenario parser.
#include "widgets/setup/target_editor.h"

#include "widgets/setup/field_errors.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace perflab {
namespace {

const QStringList kEngineKeys = {QStringLiteral("engine"), QStringLiteral("variant"), QStringLiteral("via"),
                                 QStringLiteral("leak_kb_per_request"), QStringLiteral("cache")};
const QStringList kUrlKeys = {QStringLiteral("url"), QStringLiteral("method"), QStringLiteral("headers"),
                              QStringLiteral("requests")};

QPlainTextEdit* textBox(const QString& placeholder, const QString& toolTip, QWidget* parent) {
    auto* box = new QPlainTextEdit(parent);
    box->setPlaceholderText(placeholder);
    box->setToolTip(toolTip);
    box->setTabChangesFocus(true);
    box->setFixedHeight(box->fontMetrics().lineSpacing() * 3 + 12);
    return box;
}

QFormLayout* formLayout(QWidget* page) {
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 4, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

} // namespace

TargetEditor::TargetEditor(FieldErrors& errors, QWidget* parent)
    : QWidget(parent)
    , m_engineMode(new QRadioButton(tr("Hosted engine"), this))
    , m_urlMode(new QRadioButton(tr("URL"), this))
    , m_pages(new QStackedWidget(this)) {
    m_engineMode->setToolTip(tr("Load one of the lab's engines, in this process or through its HTTP server"));
    m_urlMode->setToolTip(tr("Load any HTTP server by URL"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_engineMode);
    group->addButton(m_urlMode);
    m_engineMode->setChecked(true);
    m_pages->addWidget(makeEnginePage(errors));
    m_pages->addWidget(makeUrlPage(errors));

    auto* modes = new QHBoxLayout;
    modes->addWidget(m_engineMode);
    modes->addWidget(m_urlMode);
    modes->addStretch(1);
    QLabel* targetError = makeErrorLabel(this);
    errors.add(QStringLiteral("target"), targetError);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(modes);
    layout->addWidget(targetError);
    layout->addWidget(m_pages);
    connect(m_engineMode, &QRadioButton::toggled, this, [this](bool engine) {
        m_pages->setCurrentIndex(engine ? 0 : 1);
        emit edited();
    });
}

QWidget* TargetEditor::makeEnginePage(FieldErrors& errors) {
    auto* page = new QWidget(this);
    m_engine = new QComboBox(page);
    m_engine->setToolTip(tr("The engine under test"));
    m_variant = new QComboBox(page);
    m_variant->addItems({QStringLiteral("baseline"), QStringLiteral("optimized")});
    m_variant->setCurrentIndex(1);
    m_variant->setToolTip(tr("baseline: the straightforward implementation; optimized: the tuned one"));
    m_via = new QComboBox(page);
    m_via->addItem(tr("in-process call"), QStringLiteral("call"));
    m_via->addItem(tr("HTTP (engine server on 127.0.0.1)"), QStringLiteral("http"));
    m_via->setToolTip(tr("Call the engine directly, or through its HTTP server on 127.0.0.1"));
    m_engineRequests = new QComboBox(page);
    m_engineRequests->setObjectName(QStringLiteral("engineRequests"));
    m_engineRequests->addItem(tr("mix: a seeded draw of realistic requests"), QStringLiteral("mix"));
    m_engineRequests->addItem(tr("sample: one request, repeated (a cache figure)"), QStringLiteral("sample"));
    m_engineRequests->setToolTip(tr("What the users send: the engine's realistic mix (GET /engines describes "
                                    "it) or its one sample request; a body below replaces both"));
    m_engineBody = textBox(tr("empty: the requests chosen above"),
                           tr("One JSON request sent to the engine on every call, instead of the mix"), page);
    m_engineBody->setObjectName(QStringLiteral("engineBody"));
    auto* form = formLayout(page);
    const std::pair<QString, QWidget*> rows[] = {{QStringLiteral("engine"), m_engine},
                                                 {QStringLiteral("variant"), m_variant},
                                                 {QStringLiteral("via"), m_via},
                                                 {QStringLiteral("requests"), m_engineRequests},
                                                 {QStringLiteral("body"), m_engineBody}};
    const QString captions[] = {tr("Engine"), tr("Variant"), tr("Via"), tr("Requests"), tr("Request body")};
    for (std::size_t i = 0; i < std::size(rows); ++i) {
        QLabel* error = makeErrorLabel(page);
        errors.add(QStringLiteral("target.") + rows[i].first, error);
        form->addRow(captions[i], withErrorLabel(rows[i].second, error));
    }
    connect(m_engine, &QComboBox::currentIndexChanged, this, &TargetEditor::edited);
    connect(m_variant, &QComboBox::currentIndexChanged, this, &TargetEditor::edited);
    connect(m_via, &QComboBox::currentIndexChanged, this, &TargetEditor::edited);
    connect(m_engineRequests, &QComboBox::currentIndexChanged, this, &TargetEditor::edited);
    connect(m_engineBody, &QPlainTextEdit::textChanged, this,
            [this] { m_engineRequests->setEnabled(m_engineBody->toPlainText().trimmed().isEmpty()); });
    connect(m_engineBody, &QPlainTextEdit::textChanged, this, &TargetEditor::edited);
    return page;
}

QWidget* TargetEditor::makeUrlPage(FieldErrors& errors) {
    auto* page = new QWidget(this);
    m_url = new QLineEdit(page);
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/path"));
    m_url->setToolTip(tr("The URL every request goes to (http:// only)"));
    m_method = new QComboBox(page);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                        QStringLiteral("OPTIONS")});
    m_method->setToolTip(tr("The HTTP method"));
    m_headers =
        textBox(tr("Name: value, one per line"), tr("Request headers, one \"Name: value\" per line"), page);
    m_urlBody = textBox(tr("empty: no body"), tr("The request body sent with every request"), page);
    m_requestsNote = new QLabel(page);
    m_requestsNote->setWordWrap(true);
    m_requestsNote->hide();
    auto* form = formLayout(page);
    form->addRow(m_requestsNote);
    const std::pair<QString, QWidget*> rows[] = {{QStringLiteral("url"), m_url},
                                                 {QStringLiteral("method"), m_method},
                                                 {QStringLiteral("headers"), m_headers},
                                                 {QStringLiteral("body"), m_urlBody}};
    const QString captions[] = {tr("URL"), tr("Method"), tr("Headers"), tr("Body")};
    for (std::size_t i = 0; i < std::size(rows); ++i) {
        QLabel* error = makeErrorLabel(page);
        // "body" errors are the engine page's in engine mode; both pages show them beside their own field.
        errors.add(QStringLiteral("target.") + rows[i].first, error);
        form->addRow(captions[i], withErrorLabel(rows[i].second, error));
    }
    connect(m_url, &QLineEdit::textChanged, this, &TargetEditor::edited);
    connect(m_method, &QComboBox::currentIndexChanged, this, &TargetEditor::edited);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &TargetEditor::edited);
    connect(m_urlBody, &QPlainTextEdit::textChanged, this, &TargetEditor::edited);
    return page;
}

void TargetEditor::setEngines(const std::vector<EngineChoice>& engines) {
    const QString current = m_engine->currentText();
    m_engine->clear();
    for (const EngineChoice& engine : engines) {
        m_engine->addItem(engine.name);
        m_engine->setItemData(m_engine->count() - 1, engine.description, Qt::ToolTipRole);
    }
    if (!current.isEmpty())
        m_engine->setCurrentText(current);
}

bool TargetEditor::isEngine() const {
    return m_engineMode->isChecked();
}

QJsonObject TargetEditor::json() const {
    QJsonObject out = m_kept;
    if (isEngine()) {
        for (const QString& key : kUrlKeys)
            out.remove(key);
        out[QStringLiteral("engine")] = m_engine->currentText();
        out[QStringLiteral("variant")] = m_variant->currentText();
        out[QStringLiteral("via")] = m_via->currentData().toString();
        const QString body = m_engineBody->toPlainText();
        if (body.trimmed().isEmpty()) {
            out.remove(QStringLiteral("body"));
            out[QStringLiteral("requests")] = m_engineRequests->currentData().toString();
        } else {
            out[QStringLiteral("body")] = body;
        }
        return out;
    }
    for (const QString& key : kEngineKeys)
        out.remove(key);
    if (out.contains(QStringLiteral("requests"))) // a weighted list from a file: kept as it is
        return out;
    out[QStringLiteral("url")] = m_url->text().trimmed();
    out[QStringLiteral("method")] = m_method->currentText();
    QJsonObject headers;
    for (const QString& line : m_headers->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        // A line without a colon becomes a header name the parser rejects, naming the line.
        headers[line.left(colon).trimmed()] = colon < 0 ? QString() : line.mid(colon + 1).trimmed();
    }
    if (headers.isEmpty())
        out.remove(QStringLiteral("headers"));
    else
        out[QStringLiteral("headers")] = headers;
    if (m_urlBody->toPlainText().isEmpty())
        out.remove(QStringLiteral("body"));
    else
        out[QStringLiteral("body")] = m_urlBody->toPlainText();
    return out;
}

void TargetEditor::load(const QJsonObject& target) {
    const QSignalBlocker blockers[] = {
        QSignalBlocker(m_engineMode), QSignalBlocker(m_engine),         QSignalBlocker(m_variant),
        QSignalBlocker(m_via),        QSignalBlocker(m_engineRequests), QSignalBlocker(m_engineBody),
        QSignalBlocker(m_url),        QSignalBlocker(m_method),         QSignalBlocker(m_headers),
        QSignalBlocker(m_urlBody)};
    m_kept = target;
    const bool engine = target.contains(QStringLiteral("engine"));
    m_engineMode->setChecked(engine);
    m_urlMode->setChecked(!engine);
    m_pages->setCurrentIndex(engine ? 0 : 1);
    const QString body = target.value(QStringLiteral("body")).toString();
    if (engine) {
        m_engine->setCurrentText(target.value(QStringLiteral("engine")).toString());
        m_variant->setCurrentText(target.value(QStringLiteral("variant")).toString());
        m_via->setCurrentIndex(std::max(0, m_via->findData(target.value(QStringLiteral("via")).toString())));
        m_engineRequests->setCurrentIndex(
            std::max(0, m_engineRequests->findData(target.value(QStringLiteral("requests")).toString())));
        m_engineBody->setPlainText(body);
        m_engineRequests->setEnabled(body.trimmed().isEmpty());
    } else {
        m_url->setText(target.value(QStringLiteral("url")).toString());
        m_method->setCurrentText(target.value(QStringLiteral("method")).toString(QStringLiteral("GET")));
        QStringList lines;
        const QJsonObject headers = target.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            lines << it.key() + QStringLiteral(": ") + it.value().toString();
        m_headers->setPlainText(lines.join(QLatin1Char('\n')));
        m_urlBody->setPlainText(body);
    }
    for (const QString& key :
         kEngineKeys.mid(0, 3) + kUrlKeys.mid(0, 3) + QStringList{QStringLiteral("body")})
        m_kept.remove(key);
    if (engine) // an engine's "mix" or "sample" is the form's; only an HTTP list of requests is kept
        m_kept.remove(QStringLiteral("requests"));
    const qsizetype requests = target.value(QStringLiteral("requests")).toArray().size();
    m_requestsNote->setText(
        tr("This scenario sends %1 weighted requests; edit them in its file.").arg(requests));
    m_requestsNote->setVisible(requests > 0);
    for (QWidget* field : {static_cast<QWidget*>(m_url), static_cast<QWidget*>(m_method),
                           static_cast<QWidget*>(m_headers), static_cast<QWidget*>(m_urlBody)})
        field->setEnabled(requests == 0);
}

} // namespace perflab

// Recursive-descent parser for the analytics expression language, with positioned error messages.
#include "engines/analytics/analytics_expression.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace perflab::engines::analytics {

namespace {

struct Token {
    enum class Type { End, Number, Identifier, Symbol } type = Type::End;
    std::string_view text;
    std::size_t position = 0; // 0-based into the parsed text
    double number = 0;
};

class Parser {
public:
    Parser(std::string_view text, std::string_view what, std::size_t offset)
        : m_text(text)
        , m_what(what)
        , m_offset(offset) {
        advance();
    }

    NodePtr parseWhole(bool condition) {
        NodePtr node = parseOr();
        if (m_token.type != Token::Type::End) {
            fail(m_token.position, "unexpected \"" + std::string(m_token.text) + "\"");
        }
        if (condition && isArithmetic(node->kind)) {
            fail(0, "expected a comparison such as \"quantity > 5\"");
        }
        if (!condition && !isArithmetic(node->kind)) {
            fail(0, "expected an arithmetic expression, found a condition");
        }
        return node;
    }

private:
    [[noreturn]] void fail(std::size_t position, const std::string& problem) const {
        throw RequestError("syntax error in " + std::string(m_what) + " at position " +
                           std::to_string(m_offset + position + 1) + ": " + problem);
    }

    bool isSymbol(std::string_view symbol) const {
        return m_token.type == Token::Type::Symbol && m_token.text == symbol;
    }

    bool isKeyword(std::string_view keyword) const {
        if (m_token.type != Token::Type::Identifier || m_token.text.size() != keyword.size()) {
            return false;
        }
        for (std::size_t i = 0; i < keyword.size(); ++i) {
            if (std::tolower(static_cast<unsigned char>(m_token.text[i])) != keyword[i]) {
                return false;
            }
        }
        return true;
    }

    void advance();
    NodePtr parseOr();
    NodePtr parseAnd();
    NodePtr parseComparison();
    NodePtr parseSum();
    NodePtr parseProduct();
    NodePtr parseUnary();
    NodePtr parsePrimary();

    static NodePtr binary(NodeKind kind, NodePtr lhs, NodePtr rhs) {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->lhs = std::move(lhs);
        node->rhs = std::move(rhs);
        return node;
    }

    void requireKind(const Node& node, bool arithmetic, std::size_t position, std::string_view op) const {
        if (isArithmetic(node.kind) != arithmetic) {
            fail(position, std::string("\"") + std::string(op) + "\" needs " +
                               (arithmetic ? "numbers on both sides" : "conditions on both sides"));
        }
    }

    std::string_view m_text;
    std::string_view m_what;
    std::size_t m_offset;
    std::size_t m_pos = 0;
    Token m_token;
};

void Parser::advance() {
    while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
        ++m_pos;
    }
    m_token = Token{Token::Type::End, {}, m_pos, 0};
    if (m_pos >= m_text.size()) {
        return;
    }
    const char c = m_text[m_pos];
    const std::size_t start = m_pos;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
        const char* first = m_text.data() + start;
        auto [end, ec] = std::from_chars(first, m_text.data() + m_text.size(), m_token.number);
        if (ec != std::errc()) {
            fail(start, "malformed number");
        }
        m_pos = start + static_cast<std::size_t>(end - first);
        m_token.type = Token::Type::Number;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        while (m_pos < m_text.size() &&
               (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_')) {
            ++m_pos;
        }
        m_token.type = Token::Type::Identifier;
    } else {
        static constexpr std::string_view kTwoChar[] = {"<=", ">=", "==", "!="};
        m_token.type = Token::Type::Symbol;
        m_pos = start + 1;
        for (std::string_view symbol : kTwoChar) {
            if (m_text.substr(start, 2) == symbol) {
                m_pos = start + 2;
            }
        }
        if (m_pos == start + 1 && std::string_view("+-*/()<>").find(c) == std::string_view::npos) {
            fail(start, std::string("unexpected character \"") + c + "\"");
        }
    }
    m_token.text = m_text.substr(start, m_pos - start);
}

NodePtr Parser::parseOr() {
    NodePtr lhs = parseAnd();
    while (isKeyword("or")) {
        const std::size_t position = m_token.position;
        advance();
        NodePtr rhs = parseAnd();
        requireKind(*lhs, false, position, "or");
        requireKind(*rhs, false, position, "or");
        lhs = binary(NodeKind::Or, std::move(lhs), std::move(rhs));
    }
    return lhs;
}

NodePtr Parser::parseAnd() {
    NodePtr lhs = parseComparison();
    while (isKeyword("and")) {
        const std::size_t position = m_token.position;
        advance();
        NodePtr rhs = parseComparison();
        requireKind(*lhs, false, position, "and");
        requireKind(*rhs, false, position, "and");
        lhs = binary(NodeKind::And, std::move(lhs), std::move(rhs));
    }
    return lhs;
}

NodePtr Parser::parseComparison() {
    NodePtr lhs = parseSum();
    static constexpr std::pair<std::string_view, NodeKind> kOps[] = {
        {"<", NodeKind::Less},          {"<=", NodeKind::LessEqual}, {">", NodeKind::Greater},
        {">=", NodeKind::GreaterEqual}, {"==", NodeKind::Equal},     {"!=", NodeKind::NotEqual}};
    for (const auto& [symbol, kind] : kOps) {
        if (isSymbol(symbol)) {
            const std::size_t position = m_token.position;
            advance();
            NodePtr rhs = parseSum();
            requireKind(*lhs, true, position, symbol);
            requireKind(*rhs, true, position, symbol);
            return binary(kind, std::move(lhs), std::move(rhs));
        }
    }
    return lhs;
}

NodePtr Parser::parseSum() {
    NodePtr lhs = parseProduct();
    while (isSymbol("+") || isSymbol("-")) {
        const NodeKind kind = isSymbol("+") ? NodeKind::Add : NodeKind::Subtract;
        const std::size_t position = m_token.position;
        const std::string_view op = m_token.text;
        advance();
        NodePtr rhs = parseProduct();
        requireKind(*lhs, true, position, op);
        requireKind(*rhs, true, position, op);
        lhs = binary(kind, std::move(lhs), std::move(rhs));
    }
    return lhs;
}

NodePtr Parser::parseProduct() {
    NodePtr lhs = parseUnary();
    while (isSymbol("*") || isSymbol("/")) {
        const NodeKind kind = isSymbol("*") ? NodeKind::Multiply : NodeKind::Divide;
        const std::size_t position = m_token.position;
        const std::string_view op = m_token.text;
        advance();
        NodePtr rhs = parseUnary();
        requireKind(*lhs, true, position, op);
        requireKind(*rhs, true, position, op);
        lhs = binary(kind, std::move(lhs), std::move(rhs));
    }
    return lhs;
}

NodePtr Parser::parseUnary() {
    if (isSymbol("-")) {
        const std::size_t position = m_token.position;
        advance();
        NodePtr operand = parseUnary();
        requireKind(*operand, true, position, "-");
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::Negate;
        node->lhs = std::move(operand);
        return node;
    }
    return parsePrimary();
}

NodePtr Parser::parsePrimary() {
    auto node = std::make_unique<Node>();
    if (m_token.type == Token::Type::Number) {
        node->number = m_token.number;
        advance();
        return node;
    }
    if (m_token.type == Token::Type::Identifier && !isKeyword("and") && !isKeyword("or")) {
        const auto column = findColumn(m_token.text);
        if (!column) {
            throw RequestError("unknown column \"" + std::string(m_token.text) + "\" in " +
                               std::string(m_what) + " at position " +
                               std::to_string(m_offset + m_token.position + 1) +
                               " (columns: " + std::string(columnList()) + ")");
        }
        node->kind = NodeKind::Column;
        node->column = *column;
        advance();
        return node;
    }
    if (isSymbol("(")) {
        advance();
        node = parseOr();
        if (!isSymbol(")")) {
            fail(m_token.position, "expected \")\"");
        }
        advance();
        return node;
    }
    fail(m_token.position,
         m_token.type == Token::Type::End
             ? std::string("unexpected end, expected a number, column or \"(\"")
             : "expected a number, column or \"(\", found \"" + std::string(m_token.text) + "\"");
}

std::string_view symbolOf(NodeKind kind) {
    static constexpr std::string_view kSymbols[] = {"",   "",  "-",  "+",  "-",  "*",   "/", "<",
                                                    "<=", ">", ">=", "==", "!=", "and", "or"};
    return kSymbols[static_cast<std::size_t>(kind)];
}

} // namespace

bool isArithmetic(NodeKind kind) noexcept {
    return kind <= NodeKind::Divide;
}

bool isComparison(NodeKind kind) noexcept {
    return kind >= NodeKind::Less && kind <= NodeKind::NotEqual;
}

NodePtr parseArithmetic(std::string_view text, std::string_view what, std::size_t offset) {
    return Parser(text, what, offset).parseWhole(false);
}

NodePtr parseCondition(std::string_view text, std::string_view what) {
    return Parser(text, what, 0).parseWhole(true);
}

std::string canonicalText(const Node& node) {
    switch (node.kind) {
    case NodeKind::Number: {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", node.number);
        return buffer;
    }
    case NodeKind::Column:
        return std::string(columnName(node.column));
    case NodeKind::Negate: {
        std::string text = "(-";
        text += canonicalText(*node.lhs);
        text += ')';
        return text;
    }
    default: {
        std::string text = "(";
        text += canonicalText(*node.lhs);
        text += ' ';
        text += symbolOf(node.kind);
        text += ' ';
        text += canonicalText(*node.rhs);
        text += ')';
        return text;
    }
    }
}

} // namespace perflab::engines::analytics

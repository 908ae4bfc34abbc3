// The analytics request's expression language: arithmetic over columns, comparisons joined by and/or.
#pragma once

#include "engines/analytics/analytics_table.h"

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace perflab::engines::analytics {

// Bad request text; the engines answer it with status 400 and this message.
class RequestError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

enum class NodeKind : std::uint8_t {
    Number,
    Column,
    Negate,
    Add,
    Subtract,
    Multiply,
    Divide,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
    And,
    Or,
};

bool isArithmetic(NodeKind kind) noexcept; // Number .. Divide: yields a number
bool isComparison(NodeKind kind) noexcept; // Less .. NotEqual: numbers in, truth out

struct Node {
    NodeKind kind = NodeKind::Number;
    double number = 0;         // Number
    Column column{};           // Column, resolved once when the request is parsed
    std::unique_ptr<Node> lhs; // also the operand of Negate
    std::unique_ptr<Node> rhs;
};
using NodePtr = std::unique_ptr<Node>;

// `what` names the text in messages ("filter", "aggregate \"sum(x)\""); positions count from 1
// and are offset by `offset`, so errors point into the text the user wrote.
NodePtr parseArithmetic(std::string_view text, std::string_view what, std::size_t offset = 0);
NodePtr parseCondition(std::string_view text, std::string_view what);

// A normalized spelling (fully parenthesized): equal text means equal values for every row.
std::string canonicalText(const Node& node);

} // namespace perflab::engines::analytics

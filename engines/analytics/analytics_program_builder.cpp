// Expression tree -> block Program. Folding uses the same double operations the baseline performs
// at run time, so both variants produce bit-identical values.
#include "engines/analytics/analytics_program_builder.h"

#include <limits>
#include <stdexcept>

namespace perflab::engines::analytics {

namespace {

Arith arithOf(NodeKind kind) {
    switch (kind) {
    case NodeKind::Add:
        return Arith::Add;
    case NodeKind::Subtract:
        return Arith::Subtract;
    case NodeKind::Multiply:
        return Arith::Multiply;
    case NodeKind::Divide:
        return Arith::Divide;
    default:
        throw std::logic_error("not an arithmetic operator");
    }
}

double apply(Arith op, double a, double b) noexcept {
    switch (op) {
    case Arith::Add:
        return a + b;
    case Arith::Subtract:
        return a - b;
    case Arith::Multiply:
        return a * b;
    case Arith::Divide:
        return a / b;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

Compare compareOf(NodeKind kind) {
    return static_cast<Compare>(static_cast<int>(kind) - static_cast<int>(NodeKind::Less));
}

// a < b is b > a, for every double including NaN (both false).
Compare flip(Compare op) noexcept {
    switch (op) {
    case Compare::Less:
        return Compare::Greater;
    case Compare::LessEqual:
        return Compare::GreaterEqual;
    case Compare::Greater:
        return Compare::Less;
    case Compare::GreaterEqual:
        return Compare::LessEqual;
    default:
        return op;
    }
}

bool apply(Compare op, double a, double b) noexcept {
    switch (op) {
    case Compare::Less:
        return a < b;
    case Compare::LessEqual:
        return a <= b;
    case Compare::Greater:
        return a > b;
    case Compare::GreaterEqual:
        return a >= b;
    case Compare::Equal:
        return a == b;
    case Compare::NotEqual:
        return a != b;
    }
    return false;
}

} // namespace

std::uint16_t ProgramBuilder::emitNumber(Instruction instruction) {
    instruction.dst = m_program.numberRegisters++;
    m_program.instructions.push_back(instruction);
    return instruction.dst;
}

std::uint16_t ProgramBuilder::emitMask(Instruction instruction) {
    instruction.dst = m_program.maskRegisters++;
    m_program.instructions.push_back(instruction);
    return instruction.dst;
}

ProgramBuilder::Number ProgramBuilder::number(const Node& node) {
    if (node.kind == NodeKind::Number) {
        return {true, node.number, 0};
    }
    const std::string key = canonicalText(node);
    if (const auto it = m_shared.find(key); it != m_shared.end()) {
        return it->second;
    }
    Number result;
    if (node.kind == NodeKind::Column) {
        result.reg = emitNumber({.op = Op::Load, .column = node.column});
    } else if (node.kind == NodeKind::Negate) {
        const Number operand = number(*node.lhs);
        result = operand.isConstant ? Number{true, -operand.constant, 0}
                                    : Number{false, 0, emitNumber({.op = Op::Negate, .a = operand.reg})};
    } else {
        result = arithmetic(node);
    }
    m_shared.emplace(key, result);
    return result;
}

std::uint16_t ProgramBuilder::materialize(const Node& node) {
    const Number value = number(node);
    return value.isConstant ? emitNumber({.op = Op::Constant, .constant = value.constant}) : value.reg;
}

ProgramBuilder::Number ProgramBuilder::arithmetic(const Node& node) {
    const Arith op = arithOf(node.kind);
    const Number lhs = number(*node.lhs);
    const Number rhs = number(*node.rhs);
    if (lhs.isConstant && rhs.isConstant) {
        return {true, apply(op, lhs.constant, rhs.constant), 0};
    }
    if (rhs.isConstant) {
        return {false, 0,
                emitNumber({.op = Op::ArithmeticK, .arith = op, .a = lhs.reg, .constant = rhs.constant})};
    }
    if (lhs.isConstant) {
        return {false, 0,
                emitNumber({.op = Op::KArithmetic, .arith = op, .a = rhs.reg, .constant = lhs.constant})};
    }
    return {false, 0, emitNumber({.op = Op::Arithmetic, .arith = op, .a = lhs.reg, .b = rhs.reg})};
}

ProgramBuilder::Mask ProgramBuilder::condition(const Node& node) {
    if (node.kind == NodeKind::And || node.kind == NodeKind::Or) {
        return logical(node);
    }
    if (!isComparison(node.kind)) {
        throw std::logic_error("a number was compiled as a condition");
    }
    return comparison(node);
}

ProgramBuilder::Mask ProgramBuilder::logical(const Node& node) {
    const bool isAnd = node.kind == NodeKind::And;
    const Mask lhs = condition(*node.lhs);
    const Mask rhs = condition(*node.rhs);
    // true and x = x, false and x = false; false or x = x, true or x = true.
    for (const auto& [known, other] : {std::pair{lhs, rhs}, std::pair{rhs, lhs}}) {
        if (known.isConstant) {
            return known.constant == isAnd ? other : known;
        }
    }
    return {false, false, emitMask({.op = isAnd ? Op::And : Op::Or, .a = lhs.reg, .b = rhs.reg})};
}

std::optional<ProgramBuilder::Mask> ProgramBuilder::fusedComparison(const Node& column, const Node& other,
                                                                    Compare compare) {
    if (column.kind != NodeKind::Column) {
        return std::nullopt;
    }
    const Number constant = number(other);
    if (!constant.isConstant) {
        return std::nullopt;
    }
    return Mask{false, false,
                emitMask({.op = Op::CompareColumnK,
                          .compare = compare,
                          .column = column.column,
                          .constant = constant.constant})};
}

ProgramBuilder::Mask ProgramBuilder::comparison(const Node& node) {
    const Compare op = compareOf(node.kind);
    if (auto fused = fusedComparison(*node.lhs, *node.rhs, op)) {
        return *fused;
    }
    if (auto fused = fusedComparison(*node.rhs, *node.lhs, flip(op))) {
        return *fused;
    }
    const Number lhs = number(*node.lhs);
    const Number rhs = number(*node.rhs);
    if (lhs.isConstant && rhs.isConstant) {
        return {true, apply(op, lhs.constant, rhs.constant), 0};
    }
    if (rhs.isConstant) {
        return {false, false,
                emitMask({.op = Op::CompareK, .compare = op, .a = lhs.reg, .constant = rhs.constant})};
    }
    if (lhs.isConstant) {
        return {false, false,
                emitMask({.op = Op::CompareK, .compare = flip(op), .a = rhs.reg, .constant = lhs.constant})};
    }
    return {false, false, emitMask({.op = Op::Compare, .compare = op, .a = lhs.reg, .b = rhs.reg})};
}

} // namespace perflab::engines::analytics

// Compiles expression trees into a block Program: folds constants, shares repeated subexpressions
// and fuses "column <op> constant" comparisons so filters read columns in place.
#pragma once

#include "engines/analytics/analytics_expression.h"
#include "engines/analytics/analytics_program.h"

#include <map>
#include <optional>
#include <string>

namespace perflab::engines::analytics {

class ProgramBuilder {
public:
    struct Number {
        bool isConstant = false;
        double constant = 0;
        std::uint16_t reg = 0;
    };
    struct Mask {
        bool isConstant = false;
        bool constant = false;
        std::uint16_t reg = 0;
    };

    Number number(const Node& node);
    std::uint16_t materialize(const Node& node); // a register even for a constant (one value per row)
    Mask condition(const Node& node);
    const Program& program() const noexcept { return m_program; }

private:
    std::uint16_t emitNumber(Instruction instruction);
    std::uint16_t emitMask(Instruction instruction);
    Number arithmetic(const Node& node);
    Mask comparison(const Node& node);
    std::optional<Mask> fusedComparison(const Node& column, const Node& other, Compare compare);
    Mask logical(const Node& node);

    Program m_program;
    std::map<std::string, Number> m_shared; // canonical text -> register already holding it
};

} // namespace perflab::engines::analytics

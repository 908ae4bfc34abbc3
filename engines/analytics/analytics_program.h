// Flat block programs for the optimized analytics variant: each instruction is one tight loop over
// up to kBlockRows values (a column block, or the rows a selection vector picked).
#pragma once

#include "engines/analytics/analytics_table.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace perflab::engines::analytics {

inline constexpr std::size_t kBlockRows = 1024;

enum class Op : std::uint8_t {
    Load,           // num[dst] = column
    Constant,       // num[dst] = constant
    Negate,         // num[dst] = -num[a]
    Arithmetic,     // num[dst] = num[a] (arith) num[b]
    ArithmeticK,    // num[dst] = num[a] (arith) constant
    KArithmetic,    // num[dst] = constant (arith) num[a]
    CompareColumnK, // mask[dst] = column (compare) constant, straight from the column
    Compare,        // mask[dst] = num[a] (compare) num[b]
    CompareK,       // mask[dst] = num[a] (compare) constant
    And,            // mask[dst] = mask[a] & mask[b]
    Or,             // mask[dst] = mask[a] | mask[b]
};

enum class Arith : std::uint8_t { Add, Subtract, Multiply, Divide };
enum class Compare : std::uint8_t { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual };

struct Instruction {
    Op op = Op::Constant;
    Arith arith = Arith::Add;
    Compare compare = Compare::Less;
    Column column = Column::Region;
    std::uint16_t dst = 0;
    std::uint16_t a = 0;
    std::uint16_t b = 0;
    double constant = 0;
};

struct Program {
    std::vector<Instruction> instructions;
    std::uint16_t numberRegisters = 0;
    std::uint16_t maskRegisters = 0;
};

// Per-call scratch: registers of kBlockRows values each.
class BlockRegisters {
public:
    BlockRegisters(std::size_t numbers, std::size_t masks)
        : m_numbers(numbers * kBlockRows)
        , m_masks(masks * kBlockRows) {}
    double* number(std::size_t reg) noexcept { return m_numbers.data() + reg * kBlockRows; }
    std::uint8_t* mask(std::size_t reg) noexcept { return m_masks.data() + reg * kBlockRows; }

private:
    std::vector<double> m_numbers;
    std::vector<std::uint8_t> m_masks; // 0 or 1 per row, so and/or are plain bitwise loops
};

// The rows of this block: [base, base + count) when `selection` is null, else base + selection[i].
struct BlockRows {
    std::size_t base = 0;
    const std::uint16_t* selection = nullptr;
    std::size_t count = 0;
};

void runProgram(const Program& program, const ColumnarTable& table, const BlockRows& rows,
                BlockRegisters& regs);

// Writes the indexes of set mask bytes to `selection` (branch-free) and returns how many there are.
std::size_t selectRows(const std::uint8_t* mask, std::size_t count, std::uint16_t* selection) noexcept;

} // namespace perflab::engines::analytics

// Flat block programs for the optimized analytics variant: each instruction is one tight loop over
// up to kBlockRows values (a column block, or the rows a selection vector picked).
#pragma once

#include "engines/analytics/analytics_table.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace perflab::engines::analytics {

// Small enough that a request's registers (2 KB each) stay in the L1 cache together: at 1024 rows a
// request with four or five of them spilled to L2, and the mix ran 10-15 % slower.
inline constexpr std::size_t kBlockRows = 256;

// A row's filter truth as a double, 1 or 0: "and" is a product, "or" a maximum. Comparisons of doubles
// then write whole vector lanes; the compiler does not vectorize them into byte or integer masks.
using MaskWord = double;

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
    And,            // mask[dst] = mask[a] * mask[b]
    Or,             // mask[dst] = max(mask[a], mask[b])
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

// Per-call scratch: registers of kBlockRows values each. A number register is read through a view,
// so a dense load of a double column points at the column instead of copying it.
class BlockRegisters {
public:
    BlockRegisters(std::size_t numbers, std::size_t masks)
        : m_numbers(numbers * kBlockRows)
        , m_views(numbers)
        , m_masks(masks * kBlockRows) {}
    double* write(std::size_t reg) noexcept {
        double* storage = m_numbers.data() + reg * kBlockRows;
        m_views[reg] = storage;
        return storage;
    }
    void alias(std::size_t reg, const double* values) noexcept { m_views[reg] = values; }
    const double* read(std::size_t reg) const noexcept { return m_views[reg]; }
    MaskWord* mask(std::size_t reg) noexcept { return m_masks.data() + reg * kBlockRows; }

private:
    std::vector<double> m_numbers;
    std::vector<const double*> m_views;
    std::vector<MaskWord> m_masks;
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
std::size_t selectRows(const MaskWord* mask, std::size_t count, std::uint16_t* selection) noexcept;

} // namespace perflab::engines::analytics

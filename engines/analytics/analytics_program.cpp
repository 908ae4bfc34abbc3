// The optimized variant's kernels: one switch per instruction per block, then a loop simple enough
// for the compiler to vectorize (no aliasing surprises, no calls, fixed trip counts).
#include "engines/analytics/analytics_program.h"

#include <array>
#include <functional>

namespace perflab::engines::analytics {

namespace {

template <class T>
void load(const T* __restrict column, const BlockRows& rows, double* __restrict out) noexcept {
    const T* first = column + rows.base;
    if (rows.selection == nullptr) {
        for (std::size_t i = 0; i < rows.count; ++i) {
            out[i] = static_cast<double>(first[i]);
        }
    } else {
        for (std::size_t i = 0; i < rows.count; ++i) {
            out[i] = static_cast<double>(first[rows.selection[i]]);
        }
    }
}

// out[i] = values[code of row i]: a dictionary column's values, or one answer per distinct value.
void decode(const double* __restrict values, const std::uint8_t* __restrict codes, const BlockRows& rows,
            double* __restrict out) noexcept {
    const std::uint8_t* first = codes + rows.base;
    if (rows.selection == nullptr) {
        for (std::size_t i = 0; i < rows.count; ++i) {
            out[i] = values[first[i]];
        }
    } else {
        for (std::size_t i = 0; i < rows.count; ++i) {
            out[i] = values[first[rows.selection[i]]];
        }
    }
}

// Both operands as functors so the loops below stay branch-free; Broadcast reads a constant.
struct Broadcast {
    double value;
    double operator[](std::size_t) const noexcept { return value; }
};

template <class F, class A, class B>
void arithmeticLoop(A a, B b, double* __restrict out, std::size_t n) noexcept {
    const F f{};
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = f(a[i], b[i]);
    }
}

template <class A, class B>
void arithmetic(Arith op, A a, B b, double* __restrict out, std::size_t n) noexcept {
    switch (op) {
    case Arith::Add:
        return arithmeticLoop<std::plus<>>(a, b, out, n);
    case Arith::Subtract:
        return arithmeticLoop<std::minus<>>(a, b, out, n);
    case Arith::Multiply:
        return arithmeticLoop<std::multiplies<>>(a, b, out, n);
    case Arith::Divide:
        return arithmeticLoop<std::divides<>>(a, b, out, n);
    }
}

template <class F, class A, class B>
void compareLoop(A a, B b, MaskWord* __restrict out, std::size_t n) noexcept {
    const F f{};
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = f(static_cast<double>(a[i]), b[i]) ? 1.0 : 0.0;
    }
}

template <class A, class B>
void compare(Compare op, A a, B b, MaskWord* __restrict out, std::size_t n) noexcept {
    switch (op) {
    case Compare::Less:
        return compareLoop<std::less<>>(a, b, out, n);
    case Compare::LessEqual:
        return compareLoop<std::less_equal<>>(a, b, out, n);
    case Compare::Greater:
        return compareLoop<std::greater<>>(a, b, out, n);
    case Compare::GreaterEqual:
        return compareLoop<std::greater_equal<>>(a, b, out, n);
    case Compare::Equal:
        return compareLoop<std::equal_to<>>(a, b, out, n);
    case Compare::NotEqual:
        return compareLoop<std::not_equal_to<>>(a, b, out, n);
    }
}

void fill(double value, double* __restrict out, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = value;
    }
}

void negate(const double* __restrict a, double* __restrict out, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = -a[i];
    }
}

struct Maximum {
    double operator()(double a, double b) const noexcept { return a > b ? a : b; }
};

template <class F>
void combine(const MaskWord* __restrict a, const MaskWord* __restrict b, MaskWord* __restrict out,
             std::size_t n) noexcept {
    const F f{};
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = f(a[i], b[i]);
    }
}

// Filters run densely over a block, so column comparisons read the column in place. A dictionary column
// is compared once per distinct value, then each row looks its code's answer up.
void compareColumn(const Instruction& in, const ColumnarTable& table, const BlockRows& rows, MaskWord* out) {
    const Broadcast k{in.constant};
    if (in.column == Column::Price) {
        return compare(in.compare, table.price.data() + rows.base, k, out, rows.count);
    }
    if (in.column == Column::Discount) {
        const std::vector<double>& values = table.discount.values();
        std::array<MaskWord, DictionaryColumn::kMaxValues> answers; // codes only index the ones set here
        compare(in.compare, values.data(), k, answers.data(), values.size());
        return decode(answers.data(), table.discount.codes().data(), rows, out);
    }
    table.withIntegerColumn(
        in.column, [&](const auto* column) { compare(in.compare, column + rows.base, k, out, rows.count); });
}

void loadColumn(const Instruction& in, const ColumnarTable& table, const BlockRows& rows,
                BlockRegisters& regs) {
    if (in.column == Column::Price) {
        if (rows.selection == nullptr) {
            return regs.alias(in.dst, table.price.data() + rows.base);
        }
        return load(table.price.data(), rows, regs.write(in.dst));
    }
    if (in.column == Column::Discount) {
        return decode(table.discount.values().data(), table.discount.codes().data(), rows,
                      regs.write(in.dst));
    }
    table.withIntegerColumn(in.column, [&](const auto* column) { load(column, rows, regs.write(in.dst)); });
}

void runInstruction(const Instruction& in, const ColumnarTable& table, const BlockRows& rows,
                    BlockRegisters& regs) {
    const std::size_t n = rows.count;
    const Broadcast k{in.constant};
    switch (in.op) {
    case Op::Load:
        return loadColumn(in, table, rows, regs);
    case Op::Constant:
        return fill(in.constant, regs.write(in.dst), n);
    case Op::Negate:
        return negate(regs.read(in.a), regs.write(in.dst), n);
    case Op::Arithmetic:
        return arithmetic(in.arith, regs.read(in.a), regs.read(in.b), regs.write(in.dst), n);
    case Op::ArithmeticK:
        return arithmetic(in.arith, regs.read(in.a), k, regs.write(in.dst), n);
    case Op::KArithmetic:
        return arithmetic(in.arith, k, regs.read(in.a), regs.write(in.dst), n);
    case Op::CompareColumnK:
        return compareColumn(in, table, rows, regs.mask(in.dst));
    case Op::Compare:
        return compare(in.compare, regs.read(in.a), regs.read(in.b), regs.mask(in.dst), n);
    case Op::CompareK:
        return compare(in.compare, regs.read(in.a), k, regs.mask(in.dst), n);
    case Op::And:
        return combine<std::multiplies<>>(regs.mask(in.a), regs.mask(in.b), regs.mask(in.dst), n);
    case Op::Or:
        return combine<Maximum>(regs.mask(in.a), regs.mask(in.b), regs.mask(in.dst), n);
    }
}

} // namespace

void runProgram(const Program& program, const ColumnarTable& table, const BlockRows& rows,
                BlockRegisters& regs) {
    for (const Instruction& instruction : program.instructions) {
        runInstruction(instruction, table, rows, regs);
    }
}

std::size_t selectRows(const MaskWord* mask, std::size_t count, std::uint16_t* selection) noexcept {
    std::size_t selected = 0;
    for (std::size_t i = 0; i < count; ++i) {
        selection[selected] = static_cast<std::uint16_t>(i);
        // Through a signed integer: one conversion instruction, where size_t needs a range check.
        selected += static_cast<std::size_t>(static_cast<std::int64_t>(mask[i]));
    }
    return selected;
}

} // namespace perflab::engines::analytics

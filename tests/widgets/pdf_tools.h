// Test helpers over poppler-utils: what pdfinfo, pdffonts and pdftotext say of a PDF, and how much ink
// pdftoppm finds on a page.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>

namespace perflab::test {

// stdout of a shell command; throws when it cannot start or exits non-zero.
inline std::string commandOutput(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    std::string out;
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    if (::pclose(pipe) != 0)
        throw std::runtime_error(command + " failed");
    return out;
}

inline std::string quoted(const std::filesystem::path& path) {
    std::string out = "'";
    out += path.string();
    out += '\'';
    return out;
}

inline std::string pdfText(const std::filesystem::path& pdf) {
    return commandOutput("pdftotext " + quoted(pdf) + " -");
}

// "Pages:", "Page size:" ... as pdfinfo prints them.
inline std::string pdfInfo(const std::filesystem::path& pdf) {
    return commandOutput("pdfinfo " + quoted(pdf));
}

inline int pdfPageCount(const std::filesystem::path& pdf) {
    std::istringstream info(pdfInfo(pdf));
    for (std::string line; std::getline(info, line);)
        if (line.starts_with("Pages:"))
            return std::stoi(line.substr(6));
    return 0;
}

// The rows of pdffonts' table (after its two header lines).
inline std::string pdfFontRows(const std::filesystem::path& pdf) {
    const std::string out = commandOutput("pdffonts " + quoted(pdf));
    const auto second = out.find('\n', out.find('\n') + 1);
    return second == std::string::npos ? std::string() : out.substr(second + 1);
}

// Share of non-white pixels of page `page` (1-based) between 15 % and 90 % of its height, rendered in gray
// at 30 dpi: the part of a page below its heading where tables and charts go.
inline double pageInk(const std::filesystem::path& pdf, int page, const std::filesystem::path& scratch) {
    const auto prefix = scratch / ("ink-" + std::to_string(page));
    commandOutput("pdftoppm -r 30 -gray -f " + std::to_string(page) + " -l " + std::to_string(page) +
                  " -singlefile " + quoted(pdf) + " " + quoted(prefix));
    std::ifstream in(prefix.string() + ".pgm", std::ios::binary);
    std::string magic;
    int width = 0, height = 0, maxValue = 0;
    in >> magic >> width >> height >> maxValue;
    in.get();
    const std::string pixels((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (magic != "P5" || pixels.size() < static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
        throw std::runtime_error("pdftoppm wrote no readable page " + std::to_string(page));
    std::size_t inked = 0, total = 0;
    for (int y = height * 15 / 100; y < height * 90 / 100; ++y)
        for (int x = 0; x < width; ++x, ++total)
            inked +=
                static_cast<unsigned char>(pixels[static_cast<std::size_t>(y * width + x)]) < 200 ? 1 : 0;
    return static_cast<double>(inked) / static_cast<double>(total);
}

} // namespace perflab::test

// Test helpers over poppler-utils: what pdfinfo, pdffonts and pdftotext say of a PDF, and how much ink
// pdftoppm finds on a page, and its pixels.
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

// The text of the whole PDF, or of page `page` (1-based) only.
inline std::string pdfText(const std::filesystem::path& pdf, int page = 0) {
    const std::string pages = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return commandOutput("pdftotext" + pages + " " + quoted(pdf) + " -");
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

// A page rendered by pdftoppm: gray (one byte a pixel) or RGB (three), rows top to bottom.
struct PageRaster {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::string pixels;

    const unsigned char* at(int x, int y) const {
        return reinterpret_cast<const unsigned char*>(pixels.data()) +
               (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) *
                   static_cast<std::size_t>(channels);
    }
};

// Page `page` (1-based) of the PDF at `dpi`, in gray or in colour.
inline PageRaster renderPage(const std::filesystem::path& pdf, int page, const std::filesystem::path& scratch,
                             int dpi, bool gray) {
    const auto prefix = scratch / ("page-" + std::to_string(page) + (gray ? "-gray" : "-rgb"));
    commandOutput("pdftoppm -r " + std::to_string(dpi) + (gray ? " -gray" : "") + " -f " +
                  std::to_string(page) + " -l " + std::to_string(page) + " -singlefile " + quoted(pdf) + " " +
                  quoted(prefix));
    std::ifstream in(prefix.string() + (gray ? ".pgm" : ".ppm"), std::ios::binary);
    std::string magic;
    PageRaster raster;
    int maxValue = 0;
    in >> magic >> raster.width >> raster.height >> maxValue;
    in.get();
    raster.channels = gray ? 1 : 3;
    raster.pixels.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    const auto size = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height) *
                      static_cast<std::size_t>(raster.channels);
    if (magic != (gray ? "P5" : "P6") || raster.pixels.size() < size)
        throw std::runtime_error("pdftoppm wrote no readable page " + std::to_string(page));
    return raster;
}

// Share of non-white pixels of page `page` (1-based) between 15 % and 90 % of its height, rendered in gray
// at 30 dpi: the part of a page below its heading where tables and charts go.
inline double pageInk(const std::filesystem::path& pdf, int page, const std::filesystem::path& scratch) {
    const PageRaster raster = renderPage(pdf, page, scratch, 30, true);
    std::size_t inked = 0, total = 0;
    for (int y = raster.height * 15 / 100; y < raster.height * 90 / 100; ++y)
        for (int x = 0; x < raster.width; ++x, ++total)
            inked += *raster.at(x, y) < 200 ? 1 : 0;
    return static_cast<double>(inked) / static_cast<double>(total);
}

} // namespace perflab::test

// A temporary folder for store files, removed with everything in it when the test ends.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace perflab::test {

class StoreDir {
public:
    StoreDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "perflab-store-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~StoreDir() { std::filesystem::remove_all(m_path); }
    StoreDir(const StoreDir&) = delete;
    StoreDir& operator=(const StoreDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace perflab::test

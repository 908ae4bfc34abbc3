# Compiler warnings, frame pointers (for the profiler) and optional sanitizers, shared by every target.
add_library(perflab_warnings INTERFACE)
target_compile_options(perflab_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer)
if(PERFLAB_SANITIZE)
    # The sanitizers' instrumentation makes GCC 12 report -Wmaybe-uninitialized inside libstdc++ (std::regex
    # in Catch2's runner); the Release build keeps that warning on for our own code.
    target_compile_options(perflab_warnings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                                                      -Wno-maybe-uninitialized)
    target_link_options(perflab_warnings INTERFACE -fsanitize=address,undefined)
endif()

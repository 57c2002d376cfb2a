// libFuzzer target: fuzz::cappedSimulation (see fuzz_checks.h) on any bytes, under AddressSanitizer and
// UBSan. A finding is saved by libFuzzer; copy it into tests/fuzz/regressions/ so that
// tst_fuzz_regressions keeps checking it.
#include "fuzz_checks.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string problem =
        poolsim::fuzz::cappedSimulation(std::string(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "fuzz_simulation: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}

#pragma once
// The readable summary `poolsim run` prints.
#include "models/results/run_result.h"

#include <string>

namespace poolsim::cli {

std::string summaryTable(const models::RunResult& result);

} // namespace poolsim::cli

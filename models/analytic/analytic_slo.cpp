// Service levels judged on the closed forms alone (`poolsim analytic --check`): the limits the
// queueing formulas can answer, and why the others cannot be judged.
#include "models/analytic/analytic_check.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace poolsim::models {

bool AnalyticSloReport::met() const
{
    return std::all_of(judged.begin(), judged.end(), [](const Judged& j) { return j.met; });
}

AnalyticSloReport judgeSloAnalytically(const AnalyticCheck& check, const std::vector<SloLimit>& limits)
{
    const analytic::QueueFigures& f = check.figures;
    const std::pair<std::string_view, double> figures[] = {
        {"wait_mean", f.waitMeanS},
        {"wait_p50", f.waitP50S},
        {"wait_p95", f.waitP95S},
        {"wait_p99", f.waitP99S},
        {"wait_ratio", f.waitRatio},
        {"timeout_ratio", f.timeoutRatio},
        {"utilization_mean", f.utilization},
    };
    const auto& steady = check.inputs.workloads;
    AnalyticSloReport report;
    for (const SloLimit& limit : limits) {
        const auto* known = std::find_if(std::begin(figures), std::end(figures),
                                         [&](const auto& kv) { return kv.first == limit.key; });
        std::string reason;
        if (!check.applicable)
            reason = "no steady Poisson traffic";
        else if (known == std::end(figures))
            reason = "not a closed-form figure";
        else if (std::isnan(known->second))
            reason = "the chain before a database server gives means, not the wait's distribution";
        else if (!limit.workload.empty() &&
                 std::find(steady.begin(), steady.end(), limit.workload) == steady.end())
            reason = "workload '" + limit.workload + "' is not part of the steady Poisson traffic";
        else if (!limit.workload.empty() && limit.key == "utilization_mean")
            reason = "a workload's share of the pool is not a closed-form figure";
        if (!reason.empty()) {
            report.notJudged.push_back({limit, reason});
            continue;
        }
        report.judged.push_back({limit, known->second, known->second <= limit.limit});
    }
    return report;
}

} // namespace poolsim::models

#include "ui/core/run_jobs.h"

#include "models/analytic/analytic_check.h"
#include "models/planning/comparison.h"
#include "models/planning/recommend.h"
#include "models/planning/sweep.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace poolsim::ui {

namespace {

/// The Run job's share of its progress bar taken by the variants; the analytic check's short
/// simulation takes the rest.
constexpr double kVariantsShare = 0.9;

models::RunOptions runOptions(const JobRequest& request)
{
    models::RunOptions options;
    options.replications = request.replications;
    options.threads = request.threads;
    return options;
}

void runVariantsAndCheck(RunOutcome& out, const JobRequest& request, QueuedRunObserver& observer)
{
    std::vector<std::string> names = runNames(out.scenario);
    if (request.knownBase) {
        out.base = request.knownBase;
        names.erase(names.begin());
    }
    if (request.baseOnly && !request.knownBase) {
        names.resize(1);
        out.baseOnly = true;
    }
    observer.setPhase(0, request.baseOnly ? 1.0 : kVariantsShare);
    if (!names.empty()) {
        std::vector<models::VariantRun> runs =
            models::runVariants(out.scenario, names, runOptions(request), &observer);
        out.complete = runs.size() == names.size() && runs.back().result && runs.back().result->complete;
        auto first = runs.begin();
        if (!out.base && first != runs.end()) // none when stopped before the first finished
            out.base = (first++)->result;
        out.variants.assign(std::make_move_iterator(first), std::make_move_iterator(runs.end()));
    }
    if (!out.complete || out.baseOnly)
        return;

    // The quick check is a guide beside the results, not a result: when it cannot run (no
    // steady part to describe, a distribution it cannot build) the outcome just has none.
    observer.setPhase(kVariantsShare, 1 - kVariantsShare);
    models::RunOptions checkOptions;
    checkOptions.threads = request.threads;
    if (request.replications)
        checkOptions.replications = std::min<std::int64_t>(*request.replications, models::kCheckReplications);
    try {
        auto check = std::make_shared<models::AnalyticCheck>(
            models::runAnalyticCheck(out.scenario, checkOptions, &observer));
        if (check->simulation && !check->simulation->complete)
            out.complete = false;
        out.analytic = std::move(check);
    } catch (const std::exception&) {
        out.analytic.reset();
    }
}

} // namespace

std::vector<std::string> runNames(const models::Scenario& scenario)
{
    std::vector<std::string> names{std::string(models::kBaseVariantName)};
    for (const models::Variant& v : scenario.variants)
        if (v.name != models::kBaseVariantName) // a variant called "base" is what "base" runs
            names.push_back(v.name);
    return names;
}

OutcomePtr runJob(std::uint64_t job, const models::Scenario& scenario, const JobRequest& request,
                  QueuedRunObserver& observer)
{
    auto out = std::make_shared<RunOutcome>();
    out->job = job;
    out->kind = request.kind;
    out->scenario = scenario;
    switch (request.kind) {
    case JobKind::Run:
        runVariantsAndCheck(*out, request, observer);
        break;
    case JobKind::Sweep: {
        models::SweepOptions options;
        options.run = runOptions(request);
        options.untilSlo = request.untilSlo;
        options.label = "sweep";
        const std::vector<models::SweepParam> params = models::sweepParams(scenario, request.sweep);
        auto sweep =
            std::make_shared<models::SweepResult>(models::runSweep(scenario, params, options, &observer));
        out->complete = sweep->complete;
        out->sweep = std::move(sweep);
        break;
    }
    case JobKind::Recommend: {
        models::RecommendOptions options;
        options.run = runOptions(request);
        out->recommendation =
            std::make_shared<models::Recommendation>(models::recommendPoolSize(scenario, options, &observer));
        break;
    }
    }
    return out;
}

} // namespace poolsim::ui

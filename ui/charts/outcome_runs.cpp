#include "ui/charts/outcome_runs.h"

namespace poolsim::ui {

std::vector<models::VariantRun> shownRuns(const OutcomePtr& outcome)
{
    std::vector<models::VariantRun> runs;
    if (!outcome || outcome->kind != JobKind::Run)
        return runs;
    if (outcome->base) {
        models::VariantRun base;
        base.name = std::string(models::kBaseVariantName);
        base.description = "the scenario as written";
        base.scenario = outcome->scenario;
        base.result = outcome->base;
        runs.push_back(std::move(base));
    }
    for (const models::VariantRun& v : outcome->variants) {
        if (!v.result)
            continue;
        // The job may have run base among the variants; show it once.
        if (outcome->base && (v.result == outcome->base || v.name == models::kBaseVariantName))
            continue;
        runs.push_back(v);
    }
    return runs;
}

QString poolSizeText(const models::VariantRun& run)
{
    const std::int64_t total = run.result ? run.result->poolSizeTotal : 0;
    const std::int64_t instances = run.scenario.backend.effectiveInstances();
    if (instances <= 1 || total % instances != 0)
        return QString::number(total);
    return QStringLiteral("%1 x %2 = %3").arg(total / instances).arg(instances).arg(total);
}

} // namespace poolsim::ui

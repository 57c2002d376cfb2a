#include "models/scenario/scenario.h"

#include <array>

namespace poolsim::models {

bool Scenario::operator==(const Scenario& o) const
{
    // sourcePath says where a scenario came from, not what it is.
    return name == o.name && description == o.description && horizon == o.horizon && warmup == o.warmup &&
           replications == o.replications && seed == o.seed && resolution == o.resolution &&
           holdScale == o.holdScale && pool == o.pool && backend == o.backend && database == o.database &&
           workloads == o.workloads && variants == o.variants && slo == o.slo && alerts == o.alerts &&
           sweep == o.sweep;
}

SimTime Scenario::effectiveResolution() const
{
    if (resolution)
        return *resolution;
    // Round widths a person would pick for a chart axis.
    static constexpr std::array<std::int64_t, 19> kSeconds = {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800};
    const std::int64_t ms = horizon.ticks() / 1'000'000;
    for (const std::int64_t s : kSeconds)
        if (ms <= s * 1000 * 1000)
            return SimTime::fromTicks(s * SimTime::kTicksPerSecond);
    return SimTime::fromTicks(kSeconds.back() * SimTime::kTicksPerSecond);
}

ModelParts partsOf(const Scenario& scenario)
{
    ModelParts parts;
    if (scenario.database.capacity)
        parts = parts.with(ModelPart::DatabaseServer);
    if (scenario.backend.instancesCanFail())
        parts = parts.with(ModelPart::InstanceFailures);
    if (scenario.backend.maxPending && scenario.backend.effectiveOnOverload() == OverloadAction::Reject)
        parts = parts.with(ModelPart::LoadShedding);
    for (const Workload& w : scenario.workloads)
        if (w.clientTimeout)
            parts = parts.with(ModelPart::ClientTimeouts);
    return parts;
}

} // namespace poolsim::models

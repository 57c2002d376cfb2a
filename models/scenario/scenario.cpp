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

ModelParts Scenario::parts() const
{
    ModelParts p;
    if (database.capacity)
        p = p.with(ModelPart::DatabaseServer);
    if (backend.instancesCanFail())
        p = p.with(ModelPart::InstanceFailures);
    if (backend.maxPending && backend.effectiveOnOverload() == OverloadAction::Reject)
        p = p.with(ModelPart::LoadShedding);
    for (const Workload& w : workloads)
        if (w.clientTimeout)
            p = p.with(ModelPart::ClientTimeouts);
    return p;
}

} // namespace poolsim::models

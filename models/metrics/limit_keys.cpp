#include "models/metrics/limit_keys.h"

namespace poolsim::models {

const std::vector<SloKey>& sloKeys()
{
    static const std::vector<SloKey> keys = {
        {"wait_mean", Metric::WaitMeanS, SloUnit::Duration},
        {"wait_p50", Metric::WaitP50S, SloUnit::Duration},
        {"wait_p95", Metric::WaitP95S, SloUnit::Duration},
        {"wait_p99", Metric::WaitP99S, SloUnit::Duration},
        {"wait_max", Metric::WaitMaxS, SloUnit::Duration},
        {"response_mean", Metric::ResponseMeanS, SloUnit::Duration},
        {"response_p95", Metric::ResponseP95S, SloUnit::Duration},
        {"response_p99", Metric::ResponseP99S, SloUnit::Duration},
        {"timeout_ratio", Metric::TimeoutRatio, SloUnit::Fraction},
        {"wait_ratio", Metric::WaitRatio, SloUnit::Fraction},
        {"utilization_mean", Metric::UtilizationMean, SloUnit::Fraction},
        {"utilization_max", Metric::UtilizationMax, SloUnit::Fraction},
        {"timeouts", Metric::Timeouts, SloUnit::Count},
        {"failures", Metric::Failures, SloUnit::Count},
        {"refused", Metric::Refused, SloUnit::Count},
        {"connect_failures", Metric::ConnectFailures, SloUnit::Count},
        {"unfinished", Metric::Unfinished, SloUnit::Count},
        {"waiters_mean", Metric::WaitersMean, SloUnit::Count},
        {"waiters_max", Metric::WaitersMax, SloUnit::Count},
        // The failure loop's (only where the scenario has it). first_crash_s is not a key: it is
        // a mean over the replications with a failure only, so a limit on it would pass a run
        // that fails in every replication just after the limit; `crashes` or
        // `crash_replications` say what such a limit means.
        {"crashes", Metric::Crashes, SloUnit::Count},
        {"crash_replications", Metric::CrashReplications, SloUnit::Fraction},
        {"failed_instances", Metric::FailedInstances, SloUnit::Count},
        {"downtime", Metric::DowntimeS, SloUnit::Duration},
        {"availability", Metric::Availability, SloUnit::Fraction, SloBound::AtLeast},
        {"crashed", Metric::Crashed, SloUnit::Count},
        {"unavailable", Metric::Unavailable, SloUnit::Count},
        {"probe_failures", Metric::ProbeFailures, SloUnit::Count},
        {"rejected", Metric::Rejected, SloUnit::Count},
        {"client_timeouts", Metric::ClientTimeouts, SloUnit::Count},
    };
    return keys;
}

const SloKey* findSloKey(std::string_view key)
{
    for (const SloKey& k : sloKeys())
        if (k.key == key)
            return &k;
    return nullptr;
}

ModelPart sloKeyPart(const SloKey& key)
{
    return catalogue(key.metric).part;
}

std::string_view partRequirement(ModelPart part)
{
    switch (part) {
    case ModelPart::Pool:
        break;
    case ModelPart::DatabaseServer:
        return "database.capacity";
    case ModelPart::InstanceFailures:
        return "backend.health_check, or backend.max_pending with on_overload: crash";
    case ModelPart::LoadShedding:
        return "backend.max_pending with on_overload: reject";
    case ModelPart::ClientTimeouts:
        return "a workload with a client_timeout";
    }
    return "nothing";
}

const std::vector<AlertSignal>& alertSignals()
{
    using C = AlertSignal::Combine;
    static const std::vector<AlertSignal> signals = {
        {"utilization", Series::BusyMean, C::Mean, SloUnit::Fraction, true},
        {"busy", Series::BusyMean, C::Mean, SloUnit::Count},
        {"busy_max", Series::BusyMax, C::Max, SloUnit::Count},
        {"waiters", Series::WaitersMean, C::Mean, SloUnit::Count},
        {"waiters_max", Series::WaitersMax, C::Max, SloUnit::Count},
        {"wait_p50", Series::WaitP50S, C::Max, SloUnit::Duration},
        {"wait_p95", Series::WaitP95S, C::Max, SloUnit::Duration},
        {"wait_p99", Series::WaitP99S, C::Max, SloUnit::Duration},
        {"response_p50", Series::ResponseP50S, C::Max, SloUnit::Duration},
        {"response_p95", Series::ResponseP95S, C::Max, SloUnit::Duration},
        {"response_p99", Series::ResponseP99S, C::Max, SloUnit::Duration},
        {"timeouts", Series::Timeouts, C::Sum, SloUnit::Count},
        {"failures", Series::Failures, C::Sum, SloUnit::Count},
        {"arrivals", Series::Arrivals, C::Sum, SloUnit::Count},
        {"instances_down", Series::InstancesDown, C::Mean, SloUnit::Count},
    };
    return signals;
}

const AlertSignal* findAlertSignal(std::string_view name)
{
    for (const AlertSignal& s : alertSignals())
        if (s.name == name)
            return &s;
    return nullptr;
}

ModelPart alertSignalPart(const AlertSignal& signal)
{
    return catalogue(signal.series).part;
}

} // namespace poolsim::models

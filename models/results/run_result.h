#pragma once
// Results as read-only values, shared as std::shared_ptr<const RunResult> between the thread
// that ran them and whoever shows them. No Qt.
#include "models/metrics/metrics.h"
#include "models/scenario/scenario.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace poolsim::models {

/// Why an instance failed.
enum class InstanceFailureCause : std::uint8_t {
    HealthCheck, // its liveness probe failed `failures` times in a row
    Overload,    // more than max_pending requests would have waited (on_overload: crash)
};

/// One failure of a backend instance in one replication.
struct InstanceFailureEvent
{
    double atS = 0; // simulated seconds
    std::uint32_t instance = 0;
    InstanceFailureCause cause = InstanceFailureCause::HealthCheck;
    bool operator==(const InstanceFailureEvent&) const = default;
};
/// The failures a replication keeps for the timeline; beyond, they are only counted.
inline constexpr std::size_t kMaxRecordedFailures = 1000;

/// What one replication measured.
struct ReplicationResult
{
    MetricValues total;
    std::vector<MetricValues> workloads; // in scenario order
    std::array<std::vector<double>, kSeriesCount> series;
    std::uint64_t events = 0;
    std::uint64_t requests = 0; // requests created, warm-up included
    /// Waits of served requests (seconds) at kWaitCdfProbabilities: all, and per workload.
    std::vector<double> waitCdf;
    std::vector<std::vector<double>> workloadWaitCdf;
    /// What components beyond the metric catalogue reported, by name: a level's time average
    /// and maximum after warm-up, or a count after warm-up (as both). Not in the JSON.
    struct ComponentMeasure
    {
        std::string name;
        double mean = 0, max = 0;
    };
    std::vector<ComponentMeasure> componentMeasures;
    /// When instances can fail: per instance, per bin, the share of the bin it was down; and
    /// its failures in time order (the first kMaxRecordedFailures, warm-up included).
    std::vector<std::vector<double>> instanceDown;
    std::vector<InstanceFailureEvent> instanceFailures;
};

/// A mean across replications with the half-width of its 95% confidence interval (Student t).
/// ci95 is NaN with fewer than two replications.
struct Estimate
{
    double mean = 0;
    double ci95 = 0;
};

struct MetricEstimates
{
    std::array<Estimate, kMetricCount> values{};
    const Estimate& operator[](Metric m) const { return values[static_cast<std::size_t>(m)]; }
    Estimate& operator[](Metric m) { return values[static_cast<std::size_t>(m)]; }
};

/// A series across replications: per bin the mean, the lowest and the highest replication.
struct SeriesBand
{
    std::vector<double> mean, min, max;
};

/// One time an alert rule fired: from `startS` (simulated seconds, the start of its first bin)
/// for `durationS`, with the highest windowed value `peak` in the signal's unit.
struct AlertPeriod
{
    double startS = 0, durationS = 0, peak = 0;
};

/// An alert rule's outcome: where it fires on the mean series across replications, and in how
/// many replications it fired at least once.
struct AlertOutcome
{
    AlertRule rule;
    std::vector<AlertPeriod> periods;
    std::int64_t firedReplications = 0;
};

struct RunResult
{
    std::string scenarioName;
    std::int64_t replications = 0; // finished replications the estimates are over
    std::uint64_t seed = 0;
    double horizonS = 0, warmupS = 0, resolutionS = 0;
    std::int64_t poolSizeTotal = 0; // over all instances
    /// The optional parts of the system simulated: metrics and series of parts it did not have
    /// are not shown (applies()).
    ModelParts parts;
    bool complete = true; // false when the run was stopped early

    std::vector<std::string> workloadNames;
    MetricEstimates metrics;
    std::vector<MetricEstimates> workloadMetrics;
    std::array<SeriesBand, kSeriesCount> series;
    /// Per finished replication, in replication order (for paired comparisons with common
    /// random numbers): the totals, and per workload in scenario order.
    std::vector<MetricValues> replicationMetrics;
    std::vector<std::vector<MetricValues>> replicationWorkloadMetrics;
    /// The wait distribution of served requests for plots: at each of kWaitCdfProbabilities the
    /// mean over replications of that quantile (seconds); all requests, and per workload.
    std::vector<double> waitCdfS;
    std::vector<std::vector<double>> workloadWaitCdfS;
    /// When instances can fail: per instance, per bin, the mean over replications of the share
    /// of the bin it was down; and each finished replication's failures, in replication order.
    std::vector<std::vector<double>> instanceDownShare;
    std::vector<std::vector<InstanceFailureEvent>> replicationFailures;
    /// The scenario's service levels (check them with evaluateSlo).
    std::vector<SloLimit> slo;
    /// The scenario's alert rules (or the defaults), in order.
    std::vector<AlertOutcome> alerts;

    std::uint64_t events = 0, requests = 0;
    unsigned threads = 0;   // per process
    unsigned processes = 1; // of the job that ran it (MPI ranks)
    double wallSeconds = 0;
};

/// Mean and 95% half-width of the given values (Student t with n - 1 degrees of freedom).
Estimate estimate(const std::vector<double>& values);

} // namespace poolsim::models

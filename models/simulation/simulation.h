#pragma once
// Runs a scenario's replications in parallel and combines them into a RunResult.
#include "engine/process_group.h"
#include "engine/replication_runner.h"
#include "models/results/run_result.h"
#include "models/scenario/scenario.h"
#include "models/simulation/compiled_scenario.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace poolsim::models {

struct RunOptions
{
    std::optional<std::int64_t> replications; // overrides the scenario's
    std::optional<std::uint64_t> seed;        // overrides the scenario's
    unsigned threads = 0;                     // 0: one per core
    /// The processes sharing the work (an MPI job); null: this process alone.
    engine::ProcessGroup* group = nullptr;
};

/// Throws ScenarioError / std::invalid_argument for a scenario that cannot run. When the
/// observer stops the run, the result covers the replications that finished (complete = false).
std::shared_ptr<const RunResult> runScenario(const Scenario& scenario, const RunOptions& options,
                                             engine::RunObserver* observer = nullptr);

class SeriesFolder;

/// What one replication gives its run: the summary figures kept until the end, and the series
/// folded into the bands and dropped. Encoded (exactly: doubles as their bits) to travel from
/// the process that ran it to the others of a job.
struct ReplicationOutcome
{
    bool ranToEnd = false; // false when the run was stopped while it ran
    MetricValues total;
    std::vector<MetricValues> workloads;
    std::uint64_t events = 0, requests = 0;
    std::vector<char> fired; // per alert rule: fired at least once in this replication
    std::vector<double> waitCdf;
    std::vector<std::vector<double>> workloadWaitCdf;
    std::vector<std::vector<double>> instanceDown; // folded (and freed) in replication order
    std::vector<InstanceFailureEvent> instanceFailures;
    std::array<std::vector<double>, kSeriesCount> series;

    std::string encode() const;
    /// Throws std::runtime_error for bytes that are not an encoded outcome.
    static ReplicationOutcome decode(std::string_view bytes);
};

/// One scenario's run, replication by replication: what runScenario and sweeps share, so that
/// a scenario gives the same result whichever of them runs it. The scenario is compiled once;
/// replications run on any threads in any order (runReplication is thread-safe), and are taken
/// in strictly in replication order: each one's summary figures are kept, its series folded
/// into the bands and dropped, so the result is the same whatever the thread count and memory
/// does not grow with replications beyond their summary figures.
class ScenarioRun
{
public:
    /// Asked each time the first k replications are all in and all ran to the horizon (k = 1,
    /// 2, ... in turn, on whichever thread brought the k-th in). True ends the run after those
    /// k: later replications are no longer wanted, and any that ran anyway are left out. It may
    /// read the run only through estimatesOfFirst.
    using StopRule = std::function<bool(std::size_t k, const ScenarioRun& run)>;

    /// `scenario` must outlive the run (compiled trace workloads point into it). Uses the
    /// options' replications and seed. Throws as runScenario does.
    ScenarioRun(const Scenario& scenario, const RunOptions& options, StopRule stopRule = {});
    ~ScenarioRun();
    ScenarioRun(const ScenarioRun&) = delete;
    ScenarioRun& operator=(const ScenarioRun&) = delete;

    /// What the run simulates, as text (the scenario as saved, the seed, the replications): the
    /// same on every process of a job that read the same input.
    std::string identity() const;

    /// The replications asked for; the run may stop before (the stop rule).
    std::size_t requested() const { return m_requested; }
    /// False for a replication at or past where the run stopped: it need not be run.
    bool wanted(std::size_t replication) const;

    /// Runs replication `replication` (< requested()) and takes it in. Returns true for exactly
    /// one call: the one after which every wanted replication is in (then call finish()).
    bool runReplication(std::size_t replication, engine::ReplicationContext& context)
    {
        return runReplication(replication, context, nullptr);
    }
    /// The two halves of runReplication, for a replication another process runs: simulate is
    /// thread-safe and changes nothing of the run but its start time; takeIn returns as
    /// runReplication does.
    ReplicationOutcome simulate(std::size_t replication, engine::ReplicationContext& context);
    bool takeIn(std::size_t replication, ReplicationOutcome&& outcome);
    /// For a batch shared by the processes of a job (engine::SharedTasks): runReplication that
    /// also encodes the outcome into `shared` when given, and takeIn of an encoded outcome.
    bool runReplication(std::size_t replication, engine::ReplicationContext& context, std::string* shared)
    {
        ReplicationOutcome outcome = simulate(replication, context);
        if (shared)
            *shared = outcome.encode();
        return takeIn(replication, std::move(outcome));
    }
    bool takeInEncoded(std::size_t replication, std::string_view outcome)
    {
        return takeIn(replication, ReplicationOutcome::decode(outcome));
    }

    /// The estimates over the first k replications (scenario name, workload names, metrics,
    /// workload metrics, service levels; no series): what a stop rule judges. Only while the
    /// first k are in and the run is not finished.
    RunResult estimatesOfFirst(std::size_t k) const;

    /// Whether every wanted replication is in and ran to the horizon.
    bool ranToEnd() const;
    /// Seconds since the first replication started (0 before).
    double elapsedSeconds() const;

    /// The result, over the wanted replications that ran to the horizon. Call once, when no
    /// wanted replication is still running; it releases the series bands, and replications that
    /// come in later are ignored.
    std::shared_ptr<RunResult> finish(bool complete, unsigned threads, double wallSeconds);

private:
    void takeInLocked(std::size_t replication, std::unique_ptr<ReplicationOutcome> record);

    const Scenario& m_scenario;
    CompiledScenario m_compiled;
    std::size_t m_requested = 0;
    StopRule m_stopRule;
    const std::vector<AlertRule>& m_alertRules;
    double m_poolTotal = 0;

    mutable std::mutex m_mutex;
    std::size_t m_limit = 0;   // replications wanted: requested, or fewer once the rule stopped
    std::size_t m_inOrder = 0; // replications 0..m_inOrder-1 are in
    bool m_prefixRanToEnd = true;
    bool m_finished = false;
    std::optional<std::chrono::steady_clock::time_point> m_started;
    std::vector<std::unique_ptr<ReplicationOutcome>> m_records; // their series moved out
    std::map<std::size_t, std::array<std::vector<double>, kSeriesCount>> m_pendingSeries;
    std::unique_ptr<SeriesFolder> m_folder;
    std::vector<std::vector<double>> m_instanceDownSum; // per instance per bin, folded in order
};

} // namespace poolsim::models

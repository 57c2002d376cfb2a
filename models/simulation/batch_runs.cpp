// Batch runs: `count` items started at `at` (and again every `every`), at most `concurrency`
// in flight; each item that ends starts the next, as a job runner's worker threads would.
#include "models/simulation/event_priorities.h"
#include "models/simulation/workload_source.h"

#include <algorithm>
#include <vector>

namespace poolsim::models {

namespace {

class BatchSource final : public WorkloadSource, public RequestLifecycle::EndListener
{
public:
    BatchSource(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t workload,
                std::uint64_t replication, RequestLifecycle& requests)
        : WorkloadSource(sim, scenario, workload, replication, requests),
          m_runStart(
              sim.eventType<&BatchSource::onRunStart>(this, priority::kArrival, eventName("batch-start"))),
          m_item(sim.eventType<&BatchSource::onItem>(this, priority::kArrival, eventName("batch-item")))
    {
        requests.setEndListener(workload, this);
    }

    void start() override { scheduleBeforeHorizon(m_workload.at, m_runStart); }

    void requestEnded(const Request& r) override
    {
        Run& run = m_runs[r.batchRun];
        --run.active;
        // The next item starts as its own event: starting it here would nest one call per item
        // when items fail at once (timeout 0), and overflow the stack on a large batch.
        if (run.remaining > 0) {
            --run.remaining;
            ++run.active;
            m_sim.schedule(m_sim.now(), m_item, r.batchRun);
        }
    }

private:
    struct Run
    {
        std::int64_t remaining = 0, active = 0;
    };

    void onRunStart(std::uint64_t)
    {
        if (m_workload.every && m_sim.now() + *m_workload.every < m_scenario.horizon)
            m_sim.schedule(m_sim.now() + *m_workload.every, m_runStart);
        // Reuse a finished run's slot so memory stays bounded however often the batch repeats.
        std::uint32_t run = 0;
        while (run < m_runs.size() && (m_runs[run].remaining > 0 || m_runs[run].active > 0))
            ++run;
        if (run == m_runs.size())
            m_runs.emplace_back();
        m_runs[run] = {m_workload.count, 0};
        const std::int64_t parallel = std::min(m_workload.count, m_workload.concurrency);
        m_runs[run].remaining -= parallel;
        m_runs[run].active += parallel;
        for (std::int64_t k = 0; k < parallel; ++k)
            startItem(run);
    }

    // The run's counters were updated when the item was scheduled.
    void onItem(std::uint64_t run) { startItem(static_cast<std::uint32_t>(run)); }
    void startItem(std::uint32_t run) { m_requests.startAttempt(m_requests.create(m_index, run)); }

    engine::EventType m_runStart, m_item;
    std::vector<Run> m_runs;
};

} // namespace

std::unique_ptr<WorkloadSource> makeBatchRuns(engine::Simulator& sim, const CompiledScenario& scenario,
                                              std::uint32_t workload, std::uint64_t replication,
                                              RequestLifecycle& requests)
{
    return std::make_unique<BatchSource>(sim, scenario, workload, replication, requests);
}

} // namespace poolsim::models

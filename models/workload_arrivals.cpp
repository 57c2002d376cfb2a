// Arrival patterns: when each workload's requests start, and what ends a closed user's or a
// batch item's request triggers next.
#include "models/pool_model.h"

#include <boost/random/exponential_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace poolsim::models {

using Kind = CompiledWorkload::Kind;

namespace {
SimTime secondsFromNow(SimTime now, double seconds)
{
    // Beyond 100 years is "never" for any horizon a scenario can have.
    if (!(seconds < engine::kMaxDurationSeconds))
        return SimTime::max();
    return saturatingAdd(now, SimTime::fromSeconds(seconds));
}
} // namespace

void PoolModel::startWorkloads()
{
    for (std::uint32_t w = 0; w < m_scenario.workloads.size(); ++w) {
        const CompiledWorkload& cw = m_scenario.workloads[w];
        WorkloadState& ws = m_workloads[w];
        switch (cw.kind) {
        case Kind::Poisson:
        case Kind::Profile:
            scheduleNextArrival(w);
            break;
        case Kind::Burst:
            if (cw.at < m_scenario.horizon)
                schedule(cw.at, kBurstStart, w);
            break;
        case Kind::Users:
            // Users start staggered: each thinks once before its first request.
            for (std::int64_t u = 0; u < cw.count; ++u) {
                const SimTime t = m_now + cw.think->sample(ws.arrivals);
                if (t < m_scenario.horizon)
                    schedule(t, kUserThinkEnd, w);
            }
            break;
        case Kind::Batch:
            if (cw.at < m_scenario.horizon)
                schedule(cw.at, kBatchStart, w);
            break;
        case Kind::Trace: {
            const auto& records = cw.trace->records;
            ws.traceOrder.reserve(records.size());
            for (std::uint32_t i = 0; i < records.size(); ++i) {
                SimTime start = records[i].start;
                if (cw.trace->jitter) {
                    const double j = cw.trace->jitter->seconds() * (2 * ws.arrivals.uniform01() - 1);
                    start = SimTime::fromSeconds(std::max(0.0, start.seconds() + j));
                }
                ws.traceOrder.emplace_back(start, i);
            }
            std::stable_sort(ws.traceOrder.begin(), ws.traceOrder.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            ws.traceNext = 0;
            scheduleNextArrival(w);
            break;
        }
        }
    }
}

SimTime PoolModel::profileNext(std::uint32_t workload, SimTime from)
{
    // Non-homogeneous Poisson by inversion: spend an Exp(1) amount of integrated rate,
    // walking the piecewise-constant segments from `from`.
    const auto& points = m_scenario.workloads[workload].profile;
    WorkloadState& ws = m_workloads[workload];
    double need = boost::random::exponential_distribution<double>(1.0)(ws.arrivals.engine());
    double t = from.seconds();
    std::size_t i = ws.profileSegment;
    while (i + 1 < points.size() && points[i + 1].first.seconds() <= t)
        ++i;
    if (t < points.front().first.seconds()) {
        t = points.front().first.seconds(); // rate 0 before the first point
        i = 0;
    }
    for (;;) {
        const double rate = points[i].second;
        const bool last = i + 1 >= points.size();
        const double end = last ? std::numeric_limits<double>::infinity() : points[i + 1].first.seconds();
        if (rate > 0) {
            const double reach = t + need / rate;
            if (reach < end) {
                ws.profileSegment = i;
                return secondsFromNow(SimTime::zero(), reach);
            }
            need -= rate * (end - t);
        } else if (last) {
            return SimTime::max();
        }
        t = end;
        ++i;
    }
}

void PoolModel::scheduleNextArrival(std::uint32_t w)
{
    const CompiledWorkload& cw = m_scenario.workloads[w];
    WorkloadState& ws = m_workloads[w];
    SimTime next = SimTime::max();
    switch (cw.kind) {
    case Kind::Poisson:
        if (cw.ratePerS > 0)
            next = secondsFromNow(
                m_now, boost::random::exponential_distribution<double>(cw.ratePerS)(ws.arrivals.engine()));
        break;
    case Kind::Profile:
        next = profileNext(w, m_now);
        break;
    case Kind::Trace:
        if (ws.traceNext < ws.traceOrder.size())
            next = ws.traceOrder[ws.traceNext].first;
        break;
    case Kind::Burst: // each burst has its own chain: scheduleBurstArrival
    case Kind::Users:
    case Kind::Batch:
        break;
    }
    if (next < m_scenario.horizon)
        schedule(next, kArrival, w);
}

void PoolModel::onBurstStart(std::uint32_t w)
{
    const CompiledWorkload& cw = m_scenario.workloads[w];
    WorkloadState& ws = m_workloads[w];
    if (cw.every && m_now + *cw.every < m_scenario.horizon)
        schedule(m_now + *cw.every, kBurstStart, w);
    std::uint32_t slot = 0;
    while (slot < ws.bursts.size() && ws.bursts[slot].active)
        ++slot;
    if (slot == ws.bursts.size())
        ws.bursts.emplace_back();
    ws.bursts[slot] = {m_now, 0, 0.0, true};
    scheduleBurstArrival(w, slot);
}

void PoolModel::scheduleBurstArrival(std::uint32_t w, std::uint32_t slot)
{
    const CompiledWorkload& cw = m_scenario.workloads[w];
    WorkloadState& ws = m_workloads[w];
    BurstRun& b = ws.bursts[slot];
    if (b.sent == cw.count) {
        b.active = false;
        return;
    }
    // The next order statistic of `count` uniforms, without storing them:
    // U(i+1) = 1 - (1 - U(i)) * V^(1 / (n - i)).
    const double left = static_cast<double>(cw.count - b.sent);
    b.u = 1 - (1 - b.u) * std::pow(1 - ws.arrivals.uniform01(), 1 / left);
    ++b.sent;
    const SimTime next = b.start + SimTime::fromSeconds(cw.within.seconds() * b.u);
    if (next < m_scenario.horizon)
        schedule(next, kArrival, (std::uint64_t{slot} << 32) | w);
    else
        b.active = false;
}

void PoolModel::onArrival(std::uint32_t w, std::uint32_t burst)
{
    const CompiledWorkload& cw = m_scenario.workloads[w];
    std::uint32_t id;
    if (cw.kind == Kind::Trace) {
        WorkloadState& ws = m_workloads[w];
        const auto& record = cw.trace->records[ws.traceOrder[ws.traceNext++].second];
        id = newRequest(w, 0, record.hold, static_cast<std::uint32_t>(record.connections));
    } else {
        id = newRequest(w, 0, SimTime::zero(), 0);
    }
    if (cw.kind == Kind::Burst)
        scheduleBurstArrival(w, burst);
    else
        scheduleNextArrival(w);
    startAttempt(id);
}

void PoolModel::onBatchStart(std::uint32_t w)
{
    const CompiledWorkload& cw = m_scenario.workloads[w];
    WorkloadState& ws = m_workloads[w];
    if (cw.every && m_now + *cw.every < m_scenario.horizon)
        schedule(m_now + *cw.every, kBatchStart, w);
    // Reuse a finished run's slot so memory stays bounded however often the batch repeats.
    std::uint32_t run = 0;
    while (run < ws.batchRuns.size() && (ws.batchRuns[run].remaining > 0 || ws.batchRuns[run].active > 0))
        ++run;
    if (run == ws.batchRuns.size())
        ws.batchRuns.emplace_back();
    ws.batchRuns[run] = {cw.count, 0};
    const std::int64_t parallel = std::min(cw.count, cw.concurrency);
    ws.batchRuns[run].remaining -= parallel;
    ws.batchRuns[run].active += parallel;
    for (std::int64_t k = 0; k < parallel; ++k)
        startBatchItem(w, run);
}

void PoolModel::startBatchItem(std::uint32_t w, std::uint32_t run)
{
    // The run's counters were updated when the item was scheduled.
    startAttempt(newRequest(w, run, SimTime::zero(), 0));
}

void PoolModel::onRequestEnded(const Request& r)
{
    const CompiledWorkload& cw = m_scenario.workloads[r.workload];
    if (cw.kind == Kind::Users) {
        const SimTime t = saturatingAdd(m_now, cw.think->sample(m_workloads[r.workload].arrivals));
        if (t < m_scenario.horizon)
            schedule(t, kUserThinkEnd, r.workload);
    } else if (cw.kind == Kind::Batch) {
        BatchRun& br = m_workloads[r.workload].batchRuns[r.origin];
        --br.active;
        // The next item starts as its own event: starting it here would nest one call per item
        // when items fail at once (timeout 0), and overflow the stack on a large batch.
        if (br.remaining > 0) {
            --br.remaining;
            ++br.active;
            schedule(m_now, kBatchItem, (std::uint64_t{r.origin} << 32) | r.workload);
        }
    }
}

} // namespace poolsim::models

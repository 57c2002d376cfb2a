// ReplicationOutcome's encoding for the processes of a job: every number as its bytes
// (engine/byte_codec.h), so the outcome a process takes in is bit for bit the one that was
// simulated.
#include "engine/byte_codec.h"
#include "models/simulation/simulation.h"

#include <stdexcept>

namespace poolsim::models {

namespace {

/// The bytes of an outcome, to read.
engine::ByteReader reading(std::string_view bytes)
{
    return engine::ByteReader(bytes, "a replication's outcome arrived damaged");
}

// Bumped whenever the layout below changes.
constexpr std::uint32_t kFormat = 1;

} // namespace

std::string ReplicationOutcome::encode() const
{
    engine::ByteWriter w;
    w.value(kFormat);
    w.value(static_cast<std::uint8_t>(ranToEnd ? 1 : 0));
    w.value(total);
    w.vector(workloads);
    w.value(events);
    w.value(requests);
    w.vector(fired);
    w.vector(waitCdf);
    w.vectors(workloadWaitCdf);
    w.vectors(instanceDown);
    // Field by field: the struct has padding, whose bytes are not the outcome's.
    w.value(static_cast<std::uint64_t>(instanceFailures.size()));
    for (const InstanceFailureEvent& e : instanceFailures) {
        w.value(e.atS);
        w.value(e.instance);
        w.value(static_cast<std::uint8_t>(e.cause));
    }
    for (const std::vector<double>& s : series)
        w.vector(s);
    return w.take();
}

ReplicationOutcome ReplicationOutcome::decode(std::string_view bytes)
{
    engine::ByteReader r = reading(bytes);
    std::uint32_t format = 0;
    r.value(format);
    if (format != kFormat)
        throw std::runtime_error("a replication's outcome came from another version of poolsim");
    ReplicationOutcome o;
    std::uint8_t ranToEnd = 0;
    r.value(ranToEnd);
    if (ranToEnd > 1)
        throw std::runtime_error("a replication's outcome arrived damaged");
    o.ranToEnd = ranToEnd == 1;
    r.value(o.total);
    r.vector(o.workloads);
    r.value(o.events);
    r.value(o.requests);
    r.vector(o.fired);
    r.vector(o.waitCdf);
    r.vectors(o.workloadWaitCdf);
    r.vectors(o.instanceDown);
    std::uint64_t failures = 0;
    r.value(failures);
    if (failures > bytes.size())
        throw std::runtime_error("a replication's outcome arrived damaged");
    o.instanceFailures.resize(static_cast<std::size_t>(failures));
    for (InstanceFailureEvent& e : o.instanceFailures) {
        std::uint8_t cause = 0;
        r.value(e.atS);
        r.value(e.instance);
        r.value(cause);
        if (cause > static_cast<std::uint8_t>(InstanceFailureCause::Overload))
            throw std::runtime_error("a replication's outcome arrived damaged");
        e.cause = static_cast<InstanceFailureCause>(cause);
    }
    for (std::vector<double>& s : o.series)
        r.vector(s);
    r.end();
    return o;
}

} // namespace poolsim::models

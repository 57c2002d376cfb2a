// ReplicationOutcome's encoding for the processes of a job: every number as its bytes, so the
// outcome a process takes in is bit for bit the one that was simulated. The processes of a job
// run the same program on machines of one kind (same byte order and doubles).
#include "models/simulation/simulation.h"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace poolsim::models {

namespace {

class Writer
{
public:
    template <typename T> void value(const T& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* p = reinterpret_cast<const char*>(&v);
        m_out.append(p, sizeof v);
    }
    template <typename T> void vector(const std::vector<T>& v)
    {
        value(static_cast<std::uint64_t>(v.size()));
        if (!v.empty())
            m_out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    template <typename T> void vectors(const std::vector<std::vector<T>>& v)
    {
        value(static_cast<std::uint64_t>(v.size()));
        for (const std::vector<T>& inner : v)
            vector(inner);
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Reader
{
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
    template <typename T> void value(T& v)
    {
        need(sizeof v);
        std::memcpy(&v, m_bytes.data() + m_at, sizeof v);
        m_at += sizeof v;
    }
    template <typename T> void vector(std::vector<T>& v)
    {
        std::uint64_t n = 0;
        value(n);
        if (n > (m_bytes.size() - m_at) / sizeof(T))
            bad();
        v.resize(static_cast<std::size_t>(n));
        if (n)
            std::memcpy(v.data(), m_bytes.data() + m_at, v.size() * sizeof(T));
        m_at += v.size() * sizeof(T);
    }
    template <typename T> void vectors(std::vector<std::vector<T>>& v)
    {
        std::uint64_t n = 0;
        value(n);
        if (n > (m_bytes.size() - m_at) / sizeof(std::uint64_t))
            bad();
        v.resize(static_cast<std::size_t>(n));
        for (std::vector<T>& inner : v)
            vector(inner);
    }
    void end() const
    {
        if (m_at != m_bytes.size())
            bad();
    }

private:
    void need(std::size_t n) const
    {
        if (m_bytes.size() - m_at < n)
            bad();
    }
    [[noreturn]] static void bad() { throw std::runtime_error("a replication's outcome arrived damaged"); }
    std::string_view m_bytes;
    std::size_t m_at = 0;
};

// Bumped whenever the layout below changes.
constexpr std::uint32_t kFormat = 1;

} // namespace

std::string ReplicationOutcome::encode() const
{
    Writer w;
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
    Reader r(bytes);
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

#pragma once
// Bytes for the processes of one job: values and vectors of trivially copyable types as their
// bytes, in the machine's own layout, so that what a process reads is bit for bit what another
// wrote. The processes of a job run the same program on machines of one kind (same byte order
// and doubles). Used by the job's messages (engine/mpi/) and by a replication's outcome.
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace poolsim::engine {

class ByteWriter
{
public:
    template <typename T> void value(const T& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        char bytes[sizeof v];
        std::memcpy(bytes, &v, sizeof v);
        m_out.append(bytes, sizeof v);
    }
    template <typename T> void vector(const std::vector<T>& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
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
    void bytes(std::string_view b) { m_out.append(b); }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

/// Reads what a ByteWriter wrote, in the same order. Bytes that end too early, or a vector longer
/// than what is left, throw std::runtime_error with `damaged` as the message.
class ByteReader
{
public:
    ByteReader(std::string_view bytes, const char* damaged) : m_bytes(bytes), m_damaged(damaged) {}

    template <typename T> void value(T& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        need(sizeof v);
        std::memcpy(&v, m_bytes.data() + m_at, sizeof v);
        m_at += sizeof v;
    }
    template <typename T> T get()
    {
        T v{};
        value(v);
        return v;
    }
    template <typename T> void vector(std::vector<T>& v)
    {
        const std::uint64_t n = get<std::uint64_t>();
        if (n > (m_bytes.size() - m_at) / sizeof(T))
            bad();
        v.resize(static_cast<std::size_t>(n));
        if (n)
            std::memcpy(v.data(), m_bytes.data() + m_at, v.size() * sizeof(T));
        m_at += v.size() * sizeof(T);
    }
    template <typename T> void vectors(std::vector<std::vector<T>>& v)
    {
        const std::uint64_t n = get<std::uint64_t>();
        if (n > (m_bytes.size() - m_at) / sizeof(std::uint64_t))
            bad();
        v.resize(static_cast<std::size_t>(n));
        for (std::vector<T>& inner : v)
            vector(inner);
    }
    /// What is left, unread.
    std::string_view rest() const { return m_bytes.substr(m_at); }
    /// Throws unless everything was read.
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
    [[noreturn]] void bad() const { throw std::runtime_error(m_damaged); }

    std::string_view m_bytes;
    const char* m_damaged;
    std::size_t m_at = 0;
};

} // namespace poolsim::engine

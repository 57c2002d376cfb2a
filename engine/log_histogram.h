#pragma once
// Streaming percentile histogram with log-linear buckets (as HdrHistogram): values below
// 2^bits are counted exactly; above, each power of two is split into 2^(bits-1) buckets, so a
// bucket is at most 2^-(bits-1) of its value wide. Reporting the bucket's midpoint (clamped to
// the exact min and max) keeps every quantile within 2^-bits relative error: 0.4% for the
// default 8 bits. Memory is fixed by `bits` (59 KiB for 8), never by the number of values.
#include <cstdint>
#include <vector>

namespace poolsim::engine {

class LogHistogram
{
public:
    explicit LogHistogram(unsigned bits = 8);

    void record(std::uint64_t value)
    {
        const std::size_t i = indexOf(value);
        ++m_counts[i];
        ++m_total;
        if (value < m_min)
            m_min = value;
        if (value > m_max)
            m_max = value;
    }
    void merge(const LogHistogram& other);
    void clear();

    std::uint64_t count() const { return m_total; }
    std::uint64_t min() const { return m_total ? m_min : 0; }
    std::uint64_t max() const { return m_total ? m_max : 0; }
    /// The value at rank ceil(p * count), 0 < p <= 1; 0 when empty.
    std::uint64_t quantile(double p) const;
    /// The largest relative error quantile() can make.
    double relativeError() const;

    std::size_t indexOf(std::uint64_t value) const
    {
        if (value < m_exactLimit)
            return static_cast<std::size_t>(value);
        const unsigned msb = 63u - static_cast<unsigned>(__builtin_clzll(value));
        const unsigned shift = msb - (m_bits - 1);
        return (static_cast<std::size_t>(shift) << (m_bits - 1)) + static_cast<std::size_t>(value >> shift);
    }
    /// Inclusive value range of bucket `index`.
    std::uint64_t bucketLow(std::size_t index) const;
    std::uint64_t bucketHigh(std::size_t index) const;

private:
    // The buckets in use lie between those of the least and the greatest value recorded
    // (indexOf() never decreases): found from m_min and m_max, not tracked at every record().
    // Only while count() > 0.
    std::size_t lowestUsed() const { return indexOf(m_min); }
    std::size_t highestUsed() const { return indexOf(m_max); }

    unsigned m_bits;
    std::uint64_t m_exactLimit;
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
    std::uint64_t m_min = UINT64_MAX, m_max = 0;
};

} // namespace poolsim::engine

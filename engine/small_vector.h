#pragma once
// A vector that keeps its first N elements inside itself (as LLVM's SmallVector), for the
// short lists every request carries: the connections it holds and its steps' durations are
// nearly always one or two. Reading or adding one then touches no memory but the request's own,
// and a request never allocates unless it holds more than N. For trivially copyable elements.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

namespace poolsim::engine {

template <class T, std::uint32_t N> class SmallVector
{
    static_assert(std::is_trivially_copyable_v<T>, "SmallVector copies its elements as bytes");
    static_assert(N > 0);

public:
    SmallVector() = default;
    SmallVector(const SmallVector& other) { *this = other; }
    SmallVector& operator=(const SmallVector& other)
    {
        if (this != &other) {
            clear();
            reserve(other.m_size);
            std::copy(other.begin(), other.end(), data());
            m_size = other.m_size;
        }
        return *this;
    }
    SmallVector(SmallVector&& other) noexcept { *this = std::move(other); }
    SmallVector& operator=(SmallVector&& other) noexcept
    {
        if (this != &other) {
            m_spill = std::move(other.m_spill);
            m_capacity = other.m_capacity;
            m_size = other.m_size;
            std::copy(other.m_inline, other.m_inline + N, m_inline);
            other.m_capacity = N;
            other.m_size = 0;
        }
        return *this;
    }
    ~SmallVector() = default;

    std::uint32_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    /// Keeps the capacity: a reused request does not allocate again.
    void clear() { m_size = 0; }

    T* data() { return m_capacity == N ? m_inline : m_spill.get(); }
    const T* data() const { return m_capacity == N ? m_inline : m_spill.get(); }
    T* begin() { return data(); }
    T* end() { return data() + m_size; }
    const T* begin() const { return data(); }
    const T* end() const { return data() + m_size; }
    T& operator[](std::uint32_t i)
    {
        assert(i < m_size);
        return data()[i];
    }
    const T& operator[](std::uint32_t i) const
    {
        assert(i < m_size);
        return data()[i];
    }
    T& back()
    {
        assert(m_size > 0);
        return data()[m_size - 1];
    }

    void push_back(const T& value)
    {
        if (m_size == m_capacity)
            reserve(2 * m_capacity);
        data()[m_size++] = value;
    }
    void pop_back()
    {
        assert(m_size > 0);
        --m_size;
    }
    void reserve(std::uint32_t capacity)
    {
        if (capacity <= m_capacity)
            return;
        auto spill = std::make_unique_for_overwrite<T[]>(capacity);
        std::copy(begin(), end(), spill.get());
        m_spill = std::move(spill);
        m_capacity = capacity;
    }

private:
    T m_inline[N];
    std::unique_ptr<T[]> m_spill; // the elements, once there are more than N
    std::uint32_t m_size = 0;
    std::uint32_t m_capacity = N; // N: they are in m_inline
};

} // namespace poolsim::engine

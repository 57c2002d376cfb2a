#pragma once
// The database's connection budget (max_connections less the reserved ones), shared by every
// instance's pool: an opening is refused when it is spent ("sorry, too many clients already"),
// and a connection closed by one pool is room for the waiters of the others.
#include <cstdint>
#include <optional>
#include <vector>

namespace poolsim::models {

class ConnectionBudget
{
public:
    /// A pool that wants to hear when another pool makes room.
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void roomInDatabase() = 0;
    };

    /// No limit when `budget` is empty.
    explicit ConnectionBudget(std::optional<std::int64_t> budget) : m_budget(budget) {}

    void addListener(Listener* listener) { m_listeners.push_back(listener); }

    bool hasRoom() const { return !m_budget || m_used < *m_budget; }
    /// Connections open or opening, over all pools.
    std::int64_t used() const { return m_used; }
    /// A connection starts opening (or is open at start-up).
    void taken() { ++m_used; }
    /// An opening failed: its place is free again.
    void openingFailed() { --m_used; }
    /// `closer` closed a connection: with a budget, every other pool hears of the room.
    void closed(const Listener* closer)
    {
        --m_used;
        if (m_budget)
            for (Listener* l : m_listeners)
                if (l != closer)
                    l->roomInDatabase();
    }

private:
    std::optional<std::int64_t> m_budget;
    std::int64_t m_used = 0;
    std::vector<Listener*> m_listeners;
};

} // namespace poolsim::models

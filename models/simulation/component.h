#pragma once
// What a part of the simulated system is to the replication that holds it, as an OMNeT++
// module: it registers its kinds of events with the simulator when it is built, owns its state,
// reports what it measures to the StatisticsSink, and is started once at time 0.
namespace poolsim::models {

class Component
{
public:
    Component() = default;
    virtual ~Component() = default;
    Component(const Component&) = delete;
    Component& operator=(const Component&) = delete;

    /// Schedules the component's first events (at time 0, after the pools have opened their
    /// min_idle connections, in the order the components were added).
    virtual void start() {}
};

} // namespace poolsim::models

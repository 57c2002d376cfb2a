#include "engine/process_group.h"

#include <algorithm>
#include <thread>

namespace poolsim::engine {

unsigned effectiveThreads(unsigned threads, const ProcessGroup* group)
{
    if (threads)
        return threads;
    if (group && group->size() > 1)
        return group->defaultThreads();
    return std::max(1u, std::thread::hardware_concurrency());
}

bool runSharedTasks(const SharedTasks& tasks, unsigned threads, RunObserver* observer, ProcessGroup* group)
{
    if (group && group->size() > 1)
        return group->run(tasks, effectiveThreads(threads, group), observer);
    ReplicationRunner runner(threads);
    return runner.run(
        tasks.count,
        [&](std::size_t task, ReplicationContext& context) {
            if (!tasks.wanted || tasks.wanted(task))
                tasks.run(task, context, false);
        },
        observer);
}

} // namespace poolsim::engine

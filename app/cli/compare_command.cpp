// `poolsim compare`: PLACEHOLDER, being written.
#include "app/cli/command_common.h"

#include <cstdio>
#include <memory>

namespace poolsim::cli {

void addCompareCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<CommonOptions>();
    CLI::App* cmd = app.add_subcommand("compare", "(not written yet)");
    addCommonOptions(cmd, *o);
    commands.push_back({cmd, [] {
                            std::fputs("poolsim: compare is not written yet\n", stderr);
                            return 1;
                        }});
}

} // namespace poolsim::cli

using System.CommandLine;
using Delight.Sim.Cli.Commands;

namespace Delight.Sim.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The command tree. Each command lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "delight-sim: concurrency hunting, replay and conformance for the Delight session runtime.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}

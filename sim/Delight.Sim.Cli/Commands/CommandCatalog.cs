using System.CommandLine;

namespace Delight.Sim.Cli.Commands;

/// <summary>Every top-level command, in the order --help lists them. Add one line per command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return Crypto.CryptoCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return Capture.CaptureCommand.Create();
        yield return Replay.ReplayCommand.Create();
        yield return Wire.WireCommand.Create();
        yield return Explore.ExploreCommand.Create();
        yield return Explore.ReplayBugCommand.Create();
        yield return Shrink.ShrinkCommand.Create();
        yield return Merge.MergeCommand.Create();
    }
}

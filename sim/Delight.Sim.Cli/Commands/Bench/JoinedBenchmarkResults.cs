using System.Collections.Immutable;

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>
/// benchmarks/baseline.json and every RESULTS file: the full exports of all suites of one run, joined, with the
/// machine they came from. Written by `delight-sim bench join`.
/// </summary>
public sealed record JoinedBenchmarkResults(
    string Format,
    BenchMachine Machine,
    ImmutableArray<BenchmarkExport> Exports)
{
    public const string CurrentFormat = "delight-bench-joined/1";
}

/// <summary>Where a run came from: the host name at join time and BenchmarkDotNet's description of the machine.</summary>
public sealed record BenchMachine(string HostName, string? Note, HostEnvironmentInfo? Environment)
{
    public string Describe()
    {
        var env = Environment;
        var cpu = env is null
            ? "unknown machine"
            : $"{env.ProcessorName ?? "unknown CPU"}, {env.LogicalCoreCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} logical cores, {env.OsVersion ?? "unknown OS"}, {env.RuntimeVersion ?? "unknown runtime"}";
        return Note is null ? $"{HostName} ({cpu})" : $"{HostName} ({cpu}; {Note})";
    }
}

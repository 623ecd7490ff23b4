using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Merge;

/// <summary>The shards of one hunt joined: per hunt (scenario or mutant), the iterations run and every bug found, with
/// the shard that found it and the path of its files.</summary>
internal sealed record MergedSummary(
    string Format,
    string Mode,
    uint Seed,
    string Strategy,
    int MaxBugs,
    bool CheckDeterminism,
    int ShardCount,
    ToolVersions Tools,
    IReadOnlyList<string> Sources,
    IReadOnlyList<MergedHunt> Hunts)
{
    public const string CurrentFormat = "delight-sim-hunt-merged/1";

    [JsonIgnore]
    public int BugCount => Hunts.Sum(h => h.Bugs.Count);

    public string ToJson() => JsonSerializer.Serialize(this, BugFile.Json);
}

/// <summary>One hunt across all shards.</summary>
internal sealed record MergedHunt(string Name, IReadOnlyList<string> Scenarios, string? Mutant, int Iterations, int IterationsRun, IReadOnlyList<MergedBug> Bugs)
{
    /// <summary>Mutant hunts: iterations that failed without the mutant too (not counted as found).</summary>
    public IReadOnlyList<MergedBug> BaselineFailures { get; init; } = [];
}

/// <summary>A bug of a merged hunt; <see cref="BugFile"/> and <see cref="Report"/> are paths (relative to the merged
/// output folder when one was given, else to the working directory).</summary>
internal sealed record MergedBug(int Iteration, string Scenario, string FailingInvariant, string Shard, string? BugFile, string? Report);

/// <summary>Shard outputs that cannot be merged (mismatched configurations, missing or duplicated shards).</summary>
internal sealed class MergeException(string message) : Exception(message);

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Delight.Sim.Swarm;

namespace Delight.Sim.Exploration;

/// <summary>
/// A found bug, as written to <c>*.bug.json</c>: our header (scenario, mutant, seed, swarm configuration, strategy,
/// tool versions, failing invariant) and Coyote's reproducible trace, kept as the JSON Coyote wrote.
/// </summary>
public sealed record BugFile(
    string Format,
    string Scenario,
    string? Mutant,
    uint Seed,
    int Iteration,
    string Strategy,
    SwarmConfig? Swarm,
    ToolVersions Tools,
    string FailingInvariant,
    string Message,
    string EventLogHash,
    JsonNode Trace)
{
    public const string CurrentFormat = "delight-sim-bug/1";

    /// <summary>The Coyote seed of the failing iteration when a hunt ran one engine per iteration
    /// (<see cref="Exploration.IterationSeed"/>); informational, replay uses the trace.</summary>
    public uint? IterationSeed { get; init; }

    /// <summary>The shard ("I/N") of the run that found the bug, when it was sharded.</summary>
    public string? Shard { get; init; }

    /// <summary>True when the run used <see cref="Swarm"/> pinned instead of the drawn configuration (a shrunk bug
    /// file): replay pins it again. Absent in bug files that replay their drawn configuration.</summary>
    public bool? SwarmPinned { get; init; }

    /// <summary>The file name of the bug file this one was shrunk from (<c>delight-sim shrink</c>); null otherwise.</summary>
    public string? ShrunkFrom { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The trace text to hand to <c>WithReproducibleTrace</c>.</summary>
    public string TraceText() => Trace.ToJsonString();

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a bug file; throws <see cref="BugFileException"/> with a clear reason when it is unusable.</summary>
    public static BugFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BugFileException($"cannot read '{path}': {e.Message}");
        }

        BugFile? bug;
        try
        {
            bug = JsonSerializer.Deserialize<BugFile>(text, Json);
        }
        catch (JsonException e)
        {
            throw new BugFileException($"'{path}' is not a bug file: {e.Message}");
        }

        if (bug is null || bug.Trace is null || string.IsNullOrWhiteSpace(bug.Scenario))
        {
            throw new BugFileException($"'{path}' is not a bug file: scenario or trace missing");
        }

        if (bug.SwarmPinned == true && bug.Swarm is null)
        {
            throw new BugFileException($"'{path}' pins its swarm configuration but records none");
        }

        if (bug.Format != CurrentFormat)
        {
            throw new BugFileException($"'{path}' has format '{bug.Format}', expected '{CurrentFormat}'");
        }

        return bug;
    }
}

/// <summary>A bug file that cannot be read or understood.</summary>
public sealed class BugFileException(string message) : Exception(message);

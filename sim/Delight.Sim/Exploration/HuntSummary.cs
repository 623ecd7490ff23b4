using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delight.Sim.Exploration;

/// <summary>
/// The machine-readable result of one explore run (one shard of a hunt), written as <c>summary.json</c> into its
/// output folder: the configuration every shard of the same hunt must share, which shard this is, and per hunt the
/// iterations run and the bugs found (bug and report files relative to the summary's folder).
/// </summary>
public sealed record HuntSummary(
    string Format,
    string Mode,
    uint Seed,
    string Strategy,
    int MaxBugs,
    bool CheckDeterminism,
    int ShardIndex,
    int ShardCount,
    ToolVersions Tools,
    IReadOnlyList<HuntSummaryEntry> Hunts)
{
    public const string CurrentFormat = "delight-sim-hunt/1";

    public const string FileName = "summary.json";

    /// <summary>Hunts of scenarios: the goal is no bug.</summary>
    public const string ScenarioMode = "scenarios";

    /// <summary>Hunts of seeded mutants: the goal is finding every one.</summary>
    public const string MutantMode = "mutants";

    [JsonIgnore]
    public Shard Shard => new(ShardIndex, ShardCount);

    /// <summary>The summary of hunts run with <paramref name="options"/> (their iteration counts may differ).</summary>
    public static HuntSummary From(string mode, HuntOptions options, IEnumerable<HuntOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outcomes);
        return new HuntSummary(
            CurrentFormat,
            mode,
            options.Seed,
            options.Strategy.ToName(),
            options.MaxBugs,
            options.CheckDeterminism,
            options.Shard.Index,
            options.Shard.Count,
            ToolVersions.Current,
            [.. outcomes.Select(HuntSummaryEntry.From)]);
    }

    public string ToJson() => JsonSerializer.Serialize(this, BugFile.Json);

    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), ToJson());

    /// <summary>Reads <paramref name="path"/> (a summary file, or a folder holding one); throws
    /// <see cref="HuntSummaryException"/> with a clear reason when it is missing or unusable.</summary>
    public static HuntSummary Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HuntSummaryException($"cannot read '{file}': {e.Message}");
        }

        HuntSummary? summary;
        try
        {
            summary = JsonSerializer.Deserialize<HuntSummary>(text, BugFile.Json);
        }
        catch (JsonException e)
        {
            throw new HuntSummaryException($"'{file}' is not a hunt summary: {e.Message}");
        }

        if (summary is null || summary.Format != CurrentFormat)
        {
            throw new HuntSummaryException($"'{file}' is not a hunt summary (format '{summary?.Format}', expected '{CurrentFormat}')");
        }

        if (summary.Hunts is null || summary.Tools is null || summary.ShardCount < 1 || summary.ShardIndex < 1 || summary.ShardIndex > summary.ShardCount)
        {
            throw new HuntSummaryException($"'{file}' is incomplete: hunts, tools or a valid shard are missing");
        }

        return summary;
    }
}

/// <summary>One hunt of a summary: its name, scenarios, mutant, the size of the whole (unsharded) run, how many
/// iterations this shard ran, the bugs found.</summary>
public sealed record HuntSummaryEntry(string Name, IReadOnlyList<string> Scenarios, string? Mutant, int Iterations, int IterationsRun, IReadOnlyList<HuntSummaryBug> Bugs)
{
    /// <summary>Mutant hunts: iterations that failed without the mutant too (no files; see <see cref="HuntOutcome.BaselineFailures"/>).</summary>
    public IReadOnlyList<HuntSummaryBug> BaselineFailures { get; init; } = [];

    public static HuntSummaryEntry From(HuntOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new HuntSummaryEntry(
            outcome.Target.Name,
            [.. outcome.Target.Scenarios.Select(s => s.Name)],
            outcome.Target.Mutant == Runtime.Mutants.Mutant.None ? null : outcome.Target.Mutant.ToString(),
            outcome.PlannedIterations,
            outcome.Iterations.Count,
            [.. outcome.Bugs.Select(b => new HuntSummaryBug(
                b.Iteration, b.Scenario, b.FailingInvariant,
                b.BugFilePath is null ? null : Path.GetFileName(b.BugFilePath),
                b.ReportPath is null ? null : Path.GetFileName(b.ReportPath)))])
        {
            BaselineFailures = [.. outcome.BaselineFailures.Select(b => new HuntSummaryBug(b.Iteration, b.Scenario, b.FailingInvariant, null, null))],
        };
    }
}

/// <summary>A bug in a summary: global iteration number (1-based), scenario, invariant, files beside the summary.</summary>
public sealed record HuntSummaryBug(int Iteration, string Scenario, string FailingInvariant, string? BugFile, string? Report);

/// <summary>A summary file that cannot be read or understood.</summary>
public sealed class HuntSummaryException(string message) : Exception(message);

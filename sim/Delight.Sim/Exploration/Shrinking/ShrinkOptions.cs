namespace Delight.Sim.Exploration.Shrinking;

/// <summary>
/// How to shrink a bug file: a candidate configuration is explored for up to <see cref="Attempts"/> iterations of the
/// bug's own hunt seed (the iteration that failed last first, starting with the bug's own); the shrunk bug file goes to
/// <see cref="OutPath"/> (its report beside it).
/// </summary>
public sealed record ShrinkOptions(string OutPath, int Attempts = ShrinkOptions.DefaultAttempts, uint MaxFairSteps = 40_000)
{
    public const int DefaultAttempts = 100;

    /// <summary>A line per candidate tried (progress display); null: silent.</summary>
    public Action<string>? OnProgress { get; init; }

    /// <summary>Where the shrunk file of <paramref name="bugPath"/> goes by default: beside it, <c>NAME.shrunk.bug.json</c>.</summary>
    public static string DefaultOutPath(string bugPath)
    {
        ArgumentNullException.ThrowIfNull(bugPath);
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bugPath)) ?? ".", Stem(bugPath) + ".shrunk" + BugFileSuffix);
    }

    /// <summary>The report beside a bug file: <c>NAME.bug.json</c> → <c>NAME.md</c>.</summary>
    public static string ReportPathFor(string bugPath)
    {
        ArgumentNullException.ThrowIfNull(bugPath);
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bugPath)) ?? ".", Stem(bugPath) + ".md");
    }

    private const string BugFileSuffix = ".bug.json";

    private static string Stem(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(BugFileSuffix, StringComparison.OrdinalIgnoreCase)
            ? name[..^BugFileSuffix.Length]
            : Path.GetFileNameWithoutExtension(name);
    }
}

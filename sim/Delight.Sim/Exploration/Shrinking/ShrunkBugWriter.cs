using System.Text;
using System.Text.Json.Nodes;
using Delight.Sim.Reports;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>Writes the shrunk bug file (its header pins the shrunk configuration, so <c>replay-bug</c> re-pins it) and
/// its report beside it, with the shrink's before/after appended.</summary>
internal static class ShrunkBugWriter
{
    public static (string BugFilePath, string ReportPath) Write(BugFile original, string originalPath, ShrinkRun kept, Strategy strategy, string outPath, ShrinkOutcome summary)
    {
        var shrunk = summary.Shrunk ?? throw new ArgumentException("the outcome has no shrunk configuration", nameof(summary));
        var bug = new BugFile(
            BugFile.CurrentFormat,
            original.Scenario,
            original.Mutant,
            original.Seed,
            kept.Iteration,
            strategy.ToName(),
            shrunk,
            ToolVersions.Current,
            original.FailingInvariant,
            kept.Message,
            kept.LogHash,
            JsonNode.Parse(kept.Trace) ?? new JsonObject())
        {
            IterationSeed = Exploration.IterationSeed.For(original.Seed, kept.Iteration),
            SwarmPinned = true,
            ShrunkFrom = Path.GetFileName(originalPath),
        };
        var bugPath = Path.GetFullPath(outPath);
        var folder = Path.GetDirectoryName(bugPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        bug.Save(bugPath);
        var reportPath = ShrinkOptions.ReportPathFor(bugPath);
        var report = new StringBuilder(BugReportWriter.Render(bug, kept.Log));
        report.AppendLine();
        report.AppendLine("## Shrinking");
        report.AppendLine();
        report.AppendLine($"Shrunk from `{bug.ShrunkFrom}` by `delight-sim shrink`; the swarm configuration above is pinned (replay-bug pins it again).");
        report.AppendLine();
        foreach (var line in ShrinkSummary.Lines(summary))
        {
            report.AppendLine($"- {line}");
        }

        File.WriteAllText(reportPath, report.ToString());
        return (bugPath, reportPath);
    }
}

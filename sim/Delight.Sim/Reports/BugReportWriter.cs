using System.Text;
using Delight.Sim.Exploration;
using Delight.Sim.Recording;

namespace Delight.Sim.Reports;

/// <summary>
/// Writes the Markdown report beside a bug file: the header, the broken invariant, the interleaving as a numbered list
/// of who did what, and a Mermaid sequence diagram of the same interleaving.
/// </summary>
public static class BugReportWriter
{
    /// <summary>Diagrams beyond this many messages stop rendering on most code hosts.</summary>
    public const int MaxDiagramMessages = 400;

    public static void Write(string path, BugFile bug, IReadOnlyList<SimLogEntry> log) =>
        File.WriteAllText(path, Render(bug, log));

    public static string Render(BugFile bug, IReadOnlyList<SimLogEntry> log)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Bug: `{bug.FailingInvariant}` in {bug.Scenario}");
        text.AppendLine();
        text.AppendLine($"- scenario: `{bug.Scenario}`");
        text.AppendLine($"- mutant: `{bug.Mutant ?? "none"}`");
        text.AppendLine($"- seed: {bug.Seed}, iteration {bug.Iteration}, strategy `{bug.Strategy}`");
        text.AppendLine($"- swarm: `{bug.Swarm}`");
        text.AppendLine($"- tools: delight-sim {bug.Tools.DelightSim}, runtime {bug.Tools.Runtime}, Coyote {bug.Tools.Coyote}, .NET {bug.Tools.DotNet}");
        text.AppendLine($"- replay: `delight-sim replay-bug {Path.GetFileName(bug.Scenario)}…bug.json` (the file beside this report)");
        text.AppendLine();
        text.AppendLine("## What broke");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(bug.Message.Trim());
        text.AppendLine("```");
        var violation = log.FirstOrDefault(e => e.Kind == "VIOLATION");
        if (violation is not null)
        {
            text.AppendLine();
            text.AppendLine($"Detected at step {violation.Step} (virtual time {violation.At.TotalMilliseconds:0} ms) by `{violation.Actor}`.");
        }

        text.AppendLine();
        text.AppendLine("## Interleaving");
        text.AppendLine();
        foreach (var entry in log)
        {
            text.AppendLine($"{entry.Step}. `{entry.At.TotalMilliseconds:0}ms` **{entry.Actor}** {entry.Kind} {Escape(entry.Detail)}");
        }

        text.AppendLine();
        text.AppendLine("## Sequence diagram");
        text.AppendLine();
        text.AppendLine(MermaidSequence.Render(log, MaxDiagramMessages));
        return text.ToString();
    }

    private static string Escape(string detail) => detail.Replace("\n", " ", StringComparison.Ordinal);
}

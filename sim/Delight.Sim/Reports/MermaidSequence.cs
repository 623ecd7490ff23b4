using System.Text;
using Delight.Sim.Recording;

namespace Delight.Sim.Reports;

/// <summary>
/// Turns the event log into a Mermaid sequence diagram. An entry whose detail starts with "-&gt;target:" is an arrow
/// from its actor to that target; any other entry is a note over its actor.
/// </summary>
public static class MermaidSequence
{
    public static string Render(IReadOnlyList<SimLogEntry> log, int maxMessages)
    {
        var text = new StringBuilder();
        text.AppendLine("```mermaid");
        text.AppendLine("sequenceDiagram");
        var actors = log.Select(e => Participant(e.Actor)).Concat(log.Select(e => Target(e.Detail)).OfType<string>())
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var actor in actors)
        {
            text.AppendLine($"    participant {actor}");
        }

        var shown = 0;
        foreach (var entry in log)
        {
            if (shown++ >= maxMessages)
            {
                text.AppendLine($"    Note over {actors[0]}: … {log.Count - maxMessages} more steps in the numbered list");
                break;
            }

            var label = Clean($"{entry.Step} {entry.Kind} {StripTarget(entry.Detail)}");
            var target = Target(entry.Detail);
            text.AppendLine(target is null
                ? $"    Note over {Participant(entry.Actor)}: {label}"
                : $"    {Participant(entry.Actor)}->>{target}: {label}");
        }

        text.AppendLine("```");
        return text.ToString();
    }

    private static string Participant(string actor) => Clean(actor).Replace(' ', '_');

    private static string? Target(string detail)
    {
        if (!detail.StartsWith("->", StringComparison.Ordinal))
        {
            return null;
        }

        var colon = detail.IndexOf(':', StringComparison.Ordinal);
        return colon > 2 ? Participant(detail[2..colon]) : null;
    }

    private static string StripTarget(string detail)
    {
        if (Target(detail) is null)
        {
            return detail;
        }

        return detail[(detail.IndexOf(':', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>Mermaid treats ; # and : specially in labels; keep labels short and plain.</summary>
    private static string Clean(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            cleaned.Append(c is ';' or '#' or ':' or '\n' or '\r' or '"' or '<' or '>' or '{' or '}' ? ' ' : c);
        }

        var result = cleaned.ToString().Trim();
        return result.Length > 110 ? result[..110] + "…" : result;
    }
}

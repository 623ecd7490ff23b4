using System.Globalization;
using System.Text;
using System.Text.Json;
using Delight.Agents.Records;

namespace Delight.Agents.Codex;

/// <summary>UI events for app-server items (ENGINES.md §4.7). The event id is the item id itself.</summary>
internal static class CodexItemRendering
{
    private const int MaxOutputBytes = 24_000;

    public static UiEventDraft? Start(JsonElement item) => Tool(item, "start");

    public static UiEventDraft? End(JsonElement item) =>
        item.Str("type") == "reasoning" ? Reasoning(item) : Tool(item, "end");

    private static UiEventDraft? Tool(JsonElement item, string phase)
    {
        var id = item.Str("id") ?? string.Empty;
        var status = phase == "start" ? "running" : item.Str("status") switch
        {
            "failed" => "error",
            "declined" => "canceled",
            _ => "ok",
        };
        switch (item.Str("type"))
        {
            case "commandExecution":
                if (item.Str("command") is not { } command)
                {
                    return null; // a non-string command renders nothing (§10.5)
                }

                var brief = "Tool: shell\n\n```sh\n" + command + "\n```";
                var full = brief;
                var output = (item.Str("aggregatedOutput") ?? string.Empty).Trim();
                if (phase == "end" && output.Length > 0)
                {
                    full += "\n\nOutput:\n\n```\n" + Truncate(output) + "\n```";
                }

                return new UiEventDraft(id, "tool", phase, status, brief, full);
            case "mcpToolCall":
                var server = item.Str("server") ?? string.Empty;
                var tool = item.Str("tool") ?? string.Empty;
                var mcpBrief = server.Length == 0 || tool.Length == 0 ? "Tool: mcp" : "Tool: `" + server + "/" + tool + "`";
                var mcpFull = server.Length == 0 && tool.Length == 0 ? "Tool: mcp" : "Tool: mcp\n\nServer: `" + server + "`\nTool: `" + tool + "`";
                return new UiEventDraft(id, "tool", phase, status, mcpBrief, mcpFull);
            case "fileChange":
                var changes = item.Arr("changes")?.EnumerateArray().ToList() ?? [];
                var patchBrief = changes.Count switch
                {
                    0 => "Patch",
                    1 => "Patch: 1 file",
                    _ => string.Create(CultureInfo.InvariantCulture, $"Patch: {changes.Count} files"),
                };
                var patchFull = new StringBuilder("Patch\n");
                foreach (var change in changes)
                {
                    patchFull.Append('\n').Append("- ").Append(change.Obj("kind")?.Str("type") ?? change.Str("kind")).Append(" `").Append(change.Str("path")).Append('`');
                    if (change.Str("diff") is { Length: > 0 } diff)
                    {
                        patchFull.Append("\n```diff\n").Append(Truncate(diff)).Append("\n```");
                    }
                }

                return new UiEventDraft(id, "tool", phase, status, patchBrief, patchFull.ToString());
            default:
                return null;
        }
    }

    private static UiEventDraft? Reasoning(JsonElement item)
    {
        var entries = (item.Arr("summary")?.EnumerateArray() ?? default)
            .Where(e => e.ValueKind == JsonValueKind.String)
            .Select(e => e.GetString()!.Trim())
            .Where(e => e.Length > 0 && e.TrimStart('#').Trim() != "Reasoning")
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var first = entries[0].ReplaceLineEndings(" ");
        var brief = first.Length > 160 ? first[..160] + "…" : first;
        return new UiEventDraft(item.Str("id") ?? string.Empty, "reasoning", "end", "ok", brief, "Reasoning\n\n" + string.Join("\n", entries));
    }

    /// <summary>Cut after 24,000 bytes with the omitted byte count (§4.7).</summary>
    public static string Truncate(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes <= MaxOutputBytes
            ? text
            : AgentRecords.CutBytes(text, MaxOutputBytes, string.Create(CultureInfo.InvariantCulture, $"\n… (truncated; {bytes - MaxOutputBytes} chars omitted)"));
    }
}

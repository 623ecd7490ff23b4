using System.Text.Json;
using Delight.Agents.Records;

namespace Delight.Agents.Claude;

/// <summary>Tool UI events from the blocks of a <c>raw</c> agent output record (ENGINES.md §2.8).</summary>
internal static class ClaudeUiEvents
{
    private const int MaxJsonBytes = 2000;

    /// <summary>Returns the UI events of the record and whether it carried a thinking block.</summary>
    public static (IReadOnlyList<UiEventDraft> Events, bool Thinking) Derive(JsonElement record, Dictionary<string, string> toolNames, Func<string> newCuid)
    {
        var events = new List<UiEventDraft>();
        var thinking = false;
        if (record.Str("role") != "agent" || record.Obj("content") is not { } content || content.Str("type") != "output")
        {
            return (events, false);
        }

        var blocks = content.Obj("data")?.Obj("message")?.Arr("content");
        if (blocks is null)
        {
            return (events, false);
        }

        foreach (var block in blocks.Value.EnumerateArray())
        {
            var type = (block.Str("type") ?? string.Empty).ToLowerInvariant().Replace('_', '-');
            switch (type)
            {
                case "tool-use":
                    events.Add(ToolStart(block, toolNames, newCuid));
                    break;
                case "tool-result":
                    events.Add(ToolEnd(block, toolNames));
                    break;
                case "thinking":
                    thinking = true;
                    break;
            }
        }

        return (events, thinking);
    }

    private static UiEventDraft ToolStart(JsonElement block, Dictionary<string, string> toolNames, Func<string> newCuid)
    {
        var id = block.Str("id");
        var eventId = "tool-" + (string.IsNullOrEmpty(id) ? newCuid() : id);
        var name = (block.Str("name") ?? string.Empty).Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(id))
        {
            toolNames[id] = name;
        }

        var input = block.Any("input");
        var command = input?.Str("command");
        string brief;
        string full;
        if (name == "bash")
        {
            brief = "🔧 bash: " + command;
            full = "### Tool: " + name + "\n\n```sh\n" + command + "\n```";
        }
        else
        {
            brief = "🔧 " + name;
            var json = input is { } value ? AgentRecords.PrettyCut(value, MaxJsonBytes) : "null";
            full = "### Tool: " + name + "\n\n```json\n" + json + "\n```";
        }

        return new UiEventDraft(eventId, "tool", "start", "running", brief, full);
    }

    private static UiEventDraft ToolEnd(JsonElement block, Dictionary<string, string> toolNames)
    {
        var toolUseId = block.Str("tool_use_id") ?? string.Empty;
        var name = toolNames.TryGetValue(toolUseId, out var known) && known.Length > 0 ? known : "tool";
        var error = block.Bool("is_error");
        var status = error ? "error" : "ok";
        var brief = (error ? "❌ " : "✅ ") + name;
        var full = "### Tool: " + name + " (" + status + ")";
        if (block.Any("content") is { ValueKind: not JsonValueKind.Null } resultContent)
        {
            full += "\n\n```\n" + AgentRecords.PrettyCut(resultContent, MaxJsonBytes) + "\n```";
        }

        return new UiEventDraft("tool-" + toolUseId, "tool", "end", status, brief, full);
    }
}

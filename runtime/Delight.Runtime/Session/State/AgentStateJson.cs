using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Delight.Runtime.Session;

/// <summary>Renders and parses the durable agent state JSON (PROTOCOL.md §6.6). Deterministic: keys in a fixed
/// order, request maps sorted ordinally, optional fields omitted when empty, controlledByUser always present.
/// Pure, so the reducer can call it.</summary>
public static class AgentStateJson
{
    public static string Serialize(AgentStateDoc doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteOptional(w, "agentType", doc.AgentType);
            w.WriteBoolean("controlledByUser", doc.ControlledByUser);
            WriteOptional(w, "model", doc.Model);
            WriteOptional(w, "reasoningEffort", doc.ReasoningEffort);
            WriteOptional(w, "permissionMode", doc.PermissionMode);
            WriteOptional(w, "resumeToken", doc.ResumeToken);
            if (doc.Requests.Count > 0)
            {
                w.WriteStartObject("requests");
                foreach (var (id, r) in doc.Requests.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(id);
                    w.WriteString("toolName", r.ToolName);
                    w.WriteString("input", r.InputJson);
                    w.WriteNumber("createdAt", r.CreatedAt);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            if (doc.CompletedRequests.Count > 0)
            {
                w.WriteStartObject("completedRequests");
                foreach (var (id, c) in doc.CompletedRequests.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(id);
                    w.WriteString("toolName", c.ToolName);
                    w.WriteString("input", c.InputJson);
                    w.WriteBoolean("allow", c.Allow);
                    WriteOptional(w, "message", c.Message);
                    w.WriteNumber("resolvedAt", c.ResolvedAt);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses a stored agent state (the server's copy at startup). Unknown keys are ignored; a malformed
    /// document yields a <see cref="FormatException"/>, never a crash deeper in.</summary>
    public static AgentStateDoc Parse(string json, string agentType)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("agent state must be a JSON object");
            }

            var requests = ImmutableSortedDictionary.CreateBuilder<string, PermissionRequestRecord>(StringComparer.Ordinal);
            if (root.TryGetProperty("requests", out var reqs) && reqs.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in reqs.EnumerateObject())
                {
                    requests[p.Name] = new PermissionRequestRecord(
                        Str(p.Value, "toolName") ?? Str(p.Value, "tool_name") ?? "",
                        Str(p.Value, "input") ?? "",
                        Num(p.Value, "createdAt") ?? Num(p.Value, "created_at") ?? 0);
                }
            }

            var completed = ImmutableSortedDictionary.CreateBuilder<string, CompletedRequestRecord>(StringComparer.Ordinal);
            if (root.TryGetProperty("completedRequests", out var done) && done.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in done.EnumerateObject())
                {
                    completed[p.Name] = new CompletedRequestRecord(
                        Str(p.Value, "toolName") ?? "",
                        Str(p.Value, "input") ?? "",
                        p.Value.TryGetProperty("allow", out var a) && a.ValueKind == JsonValueKind.True,
                        Str(p.Value, "message"),
                        Num(p.Value, "resolvedAt") ?? 0);
                }
            }

            return new AgentStateDoc(
                agentType,
                ControlledByUser: !root.TryGetProperty("controlledByUser", out var c) || c.ValueKind != JsonValueKind.False,
                Str(root, "model"),
                Str(root, "reasoningEffort"),
                Str(root, "permissionMode"),
                Str(root, "resumeToken"),
                requests.ToImmutable(),
                completed.ToImmutable());
        }
        catch (JsonException e)
        {
            throw new FormatException($"agent state is not valid JSON: {e.Message}", e);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static long? Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
            ? n
            : null;
}

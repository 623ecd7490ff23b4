using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delight.Agents.Records;

/// <summary>Builds the plaintext wire records engines emit (ENGINES.md §0, PROTOCOL.md §6.3).</summary>
public static class AgentRecords
{
    /// <summary>The assistant text record used by Codex (<c>unknown</c>), ACP (<c>acp</c>) and fake (<c>fake-agent</c>).</summary>
    public static string AssistantText(string uuid, string model, string text)
    {
        var record = new JsonObject
        {
            ["role"] = "agent",
            ["content"] = new JsonObject
            {
                ["type"] = "output",
                ["data"] = new JsonObject
                {
                    ["type"] = "assistant",
                    ["isSidechain"] = false,
                    ["isCompactSummary"] = false,
                    ["isMeta"] = false,
                    ["uuid"] = uuid,
                    ["parentUuid"] = null,
                    ["message"] = new JsonObject
                    {
                        ["role"] = "assistant",
                        ["model"] = model,
                        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
                    },
                },
            },
        };
        return record.ToJsonString();
    }

    /// <summary>Pretty-prints JSON with two-space indentation and cuts it at <paramref name="maxBytes"/> UTF-8 bytes
    /// with <c>…</c> appended (ENGINES.md §2.8).</summary>
    public static string PrettyCut(JsonElement value, int maxBytes)
    {
        var pretty = JsonSerializer.Serialize(value, PrettyOptions);
        return CutBytes(pretty, maxBytes, "…");
    }

    public static string CutBytes(string text, int maxBytes, string marker)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        if (bytes <= maxBytes)
        {
            return text;
        }

        var encoded = System.Text.Encoding.UTF8.GetBytes(text);
        var cut = maxBytes;
        while (cut > 0 && (encoded[cut] & 0xC0) == 0x80)
        {
            cut--; // never split a UTF-8 sequence
        }

        return System.Text.Encoding.UTF8.GetString(encoded, 0, cut) + marker;
    }

    private static readonly JsonSerializerOptions PrettyOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

using System.Text.Json.Nodes;

namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// The plaintext wire records the twins report, in the shapes our real engines emit (ENGINES.md §0, PROTOCOL.md §6):
/// the assistant text record (Codex <c>unknown</c>, ACP <c>acp</c>, fake <c>fake-agent</c>), the bridge's
/// <c>raw</c> agent output records with text, <c>tool_use</c> and <c>tool_result</c> blocks (Claude), and the Claude
/// local scanner's transcript line.
/// </summary>
public static class TwinRecords
{
    public static string AssistantText(string uuid, string model, string text) =>
        AgentOutput("assistant", uuid, new JsonObject
        {
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(Text(text)),
        });

    /// <summary>An assistant record with one <c>tool_use</c> block (the bridge forwards it as <c>raw</c>).</summary>
    public static string ToolUse(string uuid, string model, string toolUseId, string toolName, JsonObject input) =>
        AgentOutput("assistant", uuid, new JsonObject
        {
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_use", ["id"] = toolUseId, ["name"] = toolName, ["input"] = input }),
        });

    /// <summary>A user record with one <c>tool_result</c> block.</summary>
    public static string ToolResult(string uuid, string toolUseId, string content, bool isError) =>
        AgentOutput("user", uuid, new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = toolUseId, ["content"] = content, ["is_error"] = isError }),
        });

    /// <summary>A Claude transcript line as the local scanner forwards it (§3.2: six fields, re-serialised).</summary>
    public static string LocalTranscriptUser(string uuid, string sessionId, string text, DateTimeOffset at) =>
        new JsonObject
        {
            ["uuid"] = uuid,
            ["parentUuid"] = null,
            ["sessionId"] = sessionId,
            ["message"] = new JsonObject { ["role"] = "user", ["content"] = text },
            ["type"] = "user",
            ["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString();

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static string AgentOutput(string dataType, string uuid, JsonObject message) =>
        new JsonObject
        {
            ["role"] = "agent",
            ["content"] = new JsonObject
            {
                ["type"] = "output",
                ["data"] = new JsonObject
                {
                    ["type"] = dataType,
                    ["isSidechain"] = false,
                    ["isCompactSummary"] = false,
                    ["isMeta"] = false,
                    ["uuid"] = uuid,
                    ["parentUuid"] = null,
                    ["message"] = message,
                },
            },
        }.ToJsonString();
}

using System.Text.Json.Serialization;

namespace Delight.Runtime.Relay.Wire;

/// <summary><c>activity</c> ephemeral (PROTOCOL.md §4).</summary>
public sealed record ActivityEphemeral(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("working")] bool Working,
    [property: JsonPropertyName("activeAt")] long ActiveAt)
{
    public static ActivityEphemeral Of(string sessionId, bool active, bool working, long activeAt) =>
        new("activity", sessionId, active, working, activeAt);
}

/// <summary><c>terminal-activity</c> ephemeral (PROTOCOL.md §4).</summary>
public sealed record TerminalActivityEphemeral(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("activeAt")] long ActiveAt)
{
    public static TerminalActivityEphemeral Of(string terminalId, bool active, long activeAt) =>
        new("terminal-activity", terminalId, active, activeAt);
}

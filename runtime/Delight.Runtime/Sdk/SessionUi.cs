using System.Text.Json.Serialization;

namespace Delight.Runtime.Sdk;

/// <summary>The derived UI of one session (RUNTIME.md §4.3): <c>mode</c> is empty when offline and keeps the last
/// stable mode while a switch is in flight.</summary>
public sealed record SessionUi(
    [property: JsonPropertyName("connected")] bool Connected,
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("working")] bool Working,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("switching")] bool Switching,
    [property: JsonPropertyName("transition")] string Transition);

/// <summary>The phone's cached control state of one session.</summary>
public enum SessionControlState
{
    Disconnected,
    Offline,
    Local,
    Remote,
}

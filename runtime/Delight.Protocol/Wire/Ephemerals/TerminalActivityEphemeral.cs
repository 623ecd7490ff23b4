using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary><c>{type:"terminal-activity", id:&lt;terminalId&gt;, active, activeAt}</c>; legacy <c>machine-activity</c>.</summary>
public sealed record TerminalActivityEphemeral : Ephemeral
{
    public const string WireName = "terminal-activity";

    [JsonIgnore]
    public override string Type => WireName;

    /// <summary>The terminal id.</summary>
    public Optional<string> Id { get; init; }

    public Optional<bool> Active { get; init; }

    public Optional<long> ActiveAt { get; init; }
}

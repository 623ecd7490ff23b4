using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>update-session</c>: <c>id</c>, and <c>metadata</c>/<c>agentState</c> when they changed.</summary>
public sealed record UpdateSessionBody : UpdateBody
{
    public const string WireName = "update-session";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> Id { get; init; }

    public Optional<VersionedValue> Metadata { get; init; }

    public Optional<VersionedValue> AgentState { get; init; }
}

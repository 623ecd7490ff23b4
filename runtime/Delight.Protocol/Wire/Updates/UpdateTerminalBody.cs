using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>update-terminal</c> (legacy <c>update-machine</c> with <c>machineId</c>).</summary>
public sealed record UpdateTerminalBody : UpdateBody
{
    public const string WireName = "update-terminal";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> TerminalId { get; init; }

    public Optional<VersionedValue> Metadata { get; init; }

    public Optional<VersionedValue> DaemonState { get; init; }
}

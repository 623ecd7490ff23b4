using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>new-terminal</c> (legacy <c>new-machine</c> with <c>machineId</c>).</summary>
public sealed record NewTerminalBody : UpdateBody
{
    public const string WireName = "new-terminal";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> TerminalId { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<long> MetadataVersion { get; init; }

    public Optional<string> DaemonState { get; init; }

    public Optional<long> DaemonStateVersion { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }

    public Optional<bool> Active { get; init; }

    public Optional<long> ActiveAt { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }
}

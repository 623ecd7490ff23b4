using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>new-session</c> (no <c>terminalId</c>; HTTP session objects have it).</summary>
public sealed record NewSessionBody : UpdateBody
{
    public const string WireName = "new-session";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> Id { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<long> MetadataVersion { get; init; }

    public Optional<string> AgentState { get; init; }

    public Optional<long> AgentStateVersion { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }

    public Optional<bool> Active { get; init; }

    public Optional<long> ActiveAt { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }
}

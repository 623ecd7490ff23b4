using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>session-ui</c>: synthesised by the SDK into its own listener stream, never sent by the server.</summary>
public sealed record SessionUiBody : UpdateBody
{
    public const string WireName = "session-ui";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> Sid { get; init; }

    public Optional<SessionUi> Ui { get; init; }
}

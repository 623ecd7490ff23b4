using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>new-message</c>: <c>sid</c> and the stored message (content <c>{t:"encrypted",c}</c>).</summary>
public sealed record NewMessageBody : UpdateBody
{
    public const string WireName = "new-message";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> Sid { get; init; }

    public Optional<SessionMessage> Message { get; init; }
}

using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Updates;

/// <summary>
/// The <c>update</c> socket event (§3): <c>{id, seq, body{t,...}, createdAt}</c>. <c>seq</c> is per account and
/// gappy; <c>body</c> is required (it is what the update means).
/// </summary>
public sealed record UpdateEnvelope(UpdateBody Body) : SocketEvent, IJsonOnDeserialized
{
    public const string EventWireName = "update";

    [JsonIgnore]
    public override string EventName => EventWireName;

    /// <summary>Server id, <c>"c" + UnixNano</c>.</summary>
    public Optional<string> Id { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<long> CreatedAt { get; init; }

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (Body is null)
        {
            throw WireErrors.Missing("body");
        }
    }
}

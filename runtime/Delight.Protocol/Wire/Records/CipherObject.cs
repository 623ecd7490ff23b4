using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"c":"...","t":"encrypted"?}</c>.</summary>
public sealed record CipherObject(string C) : CipherEnvelope
{
    public Optional<string> T { get; init; }

    [JsonIgnore]
    public override string Cipher => C;
}

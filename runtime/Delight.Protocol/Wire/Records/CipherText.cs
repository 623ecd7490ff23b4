using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>The ciphertext as a bare JSON string (what the client sends in <c>message</c>).</summary>
public sealed record CipherText(string Value) : CipherEnvelope
{
    [JsonIgnore]
    public override string Cipher => Value;
}

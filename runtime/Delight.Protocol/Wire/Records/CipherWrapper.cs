using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"content": &lt;envelope&gt;}</c>, resolved recursively.</summary>
public sealed record CipherWrapper(CipherEnvelope Content) : CipherEnvelope
{
    [JsonIgnore]
    public override string Cipher => Content.Cipher;
}

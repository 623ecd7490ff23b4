using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>
/// Where a legacy <c>message</c> event keeps its ciphertext (§6.5): a JSON string, an object with <c>c</c>
/// (an optional <c>t</c> beside it), or an object whose <c>content</c> is again one of these.
/// </summary>
[JsonConverter(typeof(CipherEnvelopeConverter))]
public abstract record CipherEnvelope
{
    /// <summary>The ciphertext this envelope resolves to.</summary>
    [JsonIgnore]
    public abstract string Cipher { get; }
}

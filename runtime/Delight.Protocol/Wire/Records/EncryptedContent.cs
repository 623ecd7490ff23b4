using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"t":"encrypted","c":...}</c>: <see cref="C"/> is the base64 AES-GCM envelope under the session key.</summary>
public sealed record EncryptedContent(string C) : MessageContent, IJsonOnDeserialized
{
    public const string WireName = "encrypted";

    [JsonIgnore]
    public override string T => WireName;

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (C is null)
        {
            throw WireErrors.Missing("c");
        }
    }
}

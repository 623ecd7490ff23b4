using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>Stored/broadcast message content, discriminated by <c>t</c>: <c>{"t":"encrypted","c":"&lt;base64&gt;"}</c> (§6.1).</summary>
[JsonConverter(typeof(MessageContentConverter))]
public abstract record MessageContent
{
    /// <summary>The <c>t</c> discriminator.</summary>
    [JsonIgnore]
    public abstract string T { get; }
}

internal sealed class MessageContentConverter : WireUnionConverter<MessageContent>
{
    public MessageContentConverter()
        : base("t", new UnionVariant(EncryptedContent.WireName, typeof(EncryptedContent)))
    {
    }

    protected override MessageContent CreateUnknown(string wireName, RawJson raw) => new UnknownMessageContent(wireName, raw);
}

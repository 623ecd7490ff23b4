using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>The <c>content</c> of a user record, discriminated by <c>type</c>.</summary>
[JsonConverter(typeof(UserContentConverter))]
public abstract record UserContent
{
    [JsonIgnore]
    public abstract string Type { get; }
}

internal sealed class UserContentConverter : WireUnionConverter<UserContent>
{
    public UserContentConverter()
        : base("type", new UnionVariant(UserTextContent.WireName, typeof(UserTextContent)))
    {
    }

    protected override UserContent CreateUnknown(string wireName, RawJson raw) => new UnknownUserContent(wireName, raw);
}

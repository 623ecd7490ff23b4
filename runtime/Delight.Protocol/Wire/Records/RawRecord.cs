using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>
/// A decrypted message plaintext ("raw record", §6.2–6.5), discriminated by <c>role</c>: <c>user</c>,
/// <c>agent</c>, <c>event</c>. A line without <c>role</c> but with <c>type</c> is a Claude transcript line.
/// </summary>
[JsonConverter(typeof(RawRecordConverter))]
public abstract record RawRecord
{
    /// <summary>The <c>role</c> discriminator; null for a Claude transcript line, which has none.</summary>
    [JsonIgnore]
    public abstract string? Role { get; }
}

internal sealed class RawRecordConverter : WireUnionConverter<RawRecord>
{
    public RawRecordConverter()
        : base(
            "role",
            new UnionVariant(UserRecord.WireName, typeof(UserRecord)),
            new UnionVariant(AgentRecord.WireName, typeof(AgentRecord)),
            new UnionVariant(EventRecord.RoleName, typeof(EventRecord)))
    {
    }

    protected override RawRecord CreateUnknown(string wireName, RawJson raw) => new UnknownRecord(wireName, raw);

    protected override Type? VariantWithoutDiscriminator(JsonObject obj) =>
        obj.ContainsKey("type") ? typeof(ClaudeTranscriptLine) : null;
}

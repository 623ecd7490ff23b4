using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"role":"event","type":...}</c>: durable event records, discriminated by <c>type</c>.</summary>
[JsonConverter(typeof(EventRecordConverter))]
public abstract record EventRecord : RawRecord
{
    public const string RoleName = "event";

    [JsonIgnore]
    public sealed override string? Role => RoleName;

    [JsonIgnore]
    public abstract string Type { get; }
}

internal sealed class EventRecordConverter : WireUnionConverter<EventRecord>
{
    public EventRecordConverter()
        : base("type", new UnionVariant(UiEventRecord.WireName, typeof(UiEventRecord)))
    {
    }

    protected override EventRecord CreateUnknown(string wireName, RawJson raw) => new UnknownEventRecord(wireName, raw);
}

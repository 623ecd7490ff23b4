using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>kv-batch-update</c>: the changed keys (<c>value</c> null = deleted).</summary>
public sealed record KvBatchUpdateBody : UpdateBody
{
    public const string WireName = "kv-batch-update";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<ImmutableArray<KvChange>> Changes { get; init; }
}

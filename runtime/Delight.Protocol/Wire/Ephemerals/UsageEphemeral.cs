using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary><c>{type:"usage", id:&lt;sid&gt;, key, tokens, cost, timestamp}</c>, re-emitted from <c>usage-report</c>.</summary>
public sealed record UsageEphemeral : Ephemeral
{
    public const string WireName = "usage";

    [JsonIgnore]
    public override string Type => WireName;

    public Optional<string> Id { get; init; }

    public Optional<string> Key { get; init; }

    public Optional<UsageTokens> Tokens { get; init; }

    public Optional<UsageCost> Cost { get; init; }

    public Optional<long> Timestamp { get; init; }
}

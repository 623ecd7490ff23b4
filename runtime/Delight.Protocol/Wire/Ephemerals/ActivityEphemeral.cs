using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary><c>{type:"activity", id:&lt;sid&gt;, active, working, activeAt}</c>.</summary>
public sealed record ActivityEphemeral : Ephemeral
{
    public const string WireName = "activity";

    [JsonIgnore]
    public override string Type => WireName;

    /// <summary>The session id.</summary>
    public Optional<string> Id { get; init; }

    public Optional<bool> Active { get; init; }

    public Optional<bool> Working { get; init; }

    public Optional<long> ActiveAt { get; init; }
}

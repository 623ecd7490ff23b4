using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary>
/// <c>{type:"permission-request", id:&lt;sid&gt;, requestId, toolName, input:&lt;JSON text&gt;}</c>; answered with RPC
/// <c>&lt;sid&gt;:permission</c>. Duplicates happen: dedupe by <c>requestId</c>.
/// </summary>
public sealed record PermissionRequestEphemeral : Ephemeral
{
    public const string WireName = "permission-request";

    [JsonIgnore]
    public override string Type => WireName;

    /// <summary>The session id.</summary>
    public Optional<string> Id { get; init; }

    public Optional<string> RequestId { get; init; }

    public Optional<string> ToolName { get; init; }

    /// <summary>The tool input as JSON-encoded text (a string on the wire).</summary>
    public Optional<string> Input { get; init; }
}

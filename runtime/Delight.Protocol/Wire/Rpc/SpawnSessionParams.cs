using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>[LEGACY] <c>&lt;machineId&gt;:spawn-session</c> params (<c>machineId</c> read as <c>terminalId</c>).</summary>
public sealed record SpawnSessionParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.SpawnSession;

    public Optional<string> Directory { get; init; }

    public Optional<bool> ApprovedNewDirectoryCreation { get; init; }

    public Optional<string> SessionId { get; init; }

    public Optional<string> TerminalId { get; init; }

    public Optional<string> Agent { get; init; }
}

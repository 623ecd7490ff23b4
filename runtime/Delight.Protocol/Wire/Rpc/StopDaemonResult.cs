using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>stop-daemon</c> result <c>{message}</c>; the process exits afterwards.</summary>
public sealed record StopDaemonResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.StopDaemon;

    public Optional<string> Message { get; init; }
}

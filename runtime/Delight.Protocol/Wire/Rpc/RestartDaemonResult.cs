using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>restart-daemon</c> result <c>{message}</c>; the process exits with code 75.</summary>
public sealed record RestartDaemonResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.RestartDaemon;

    public Optional<string> Message { get; init; }
}

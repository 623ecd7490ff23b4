using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;tid&gt;:restart-daemon</c> params: ignored.</summary>
public sealed record RestartDaemonParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.RestartDaemon;
}

using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;tid&gt;:stop-daemon</c> params: ignored.</summary>
public sealed record StopDaemonParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.StopDaemon;
}

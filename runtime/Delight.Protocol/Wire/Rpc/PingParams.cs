using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;tid&gt;:ping</c> params: ignored (<c>{}</c>).</summary>
public sealed record PingParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Ping;
}

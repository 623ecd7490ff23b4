using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;sid&gt;:abort</c> params: ignored (<c>{}</c>).</summary>
public sealed record AbortParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Abort;
}

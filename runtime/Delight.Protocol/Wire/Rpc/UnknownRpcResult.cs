using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>The result of a method outside the catalogue, kept verbatim.</summary>
public sealed record UnknownRpcResult(string Name, RawJson Raw) : RpcResult, IUnknownVariant
{
    [JsonIgnore]
    public override string MethodName => Name;

    [JsonIgnore]
    string IUnknownVariant.WireName => Name;
}

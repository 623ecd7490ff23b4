using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>Params of a method outside the catalogue, kept verbatim.</summary>
public sealed record UnknownRpcParams(string Name, RawJson Raw) : RpcParams, IUnknownVariant
{
    [JsonIgnore]
    public override string MethodName => Name;

    [JsonIgnore]
    string IUnknownVariant.WireName => Name;
}

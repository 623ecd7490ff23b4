using System.Text.Json.Serialization;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>Typed params of a catalogue method; the JSON carries no discriminator, the method name decides.</summary>
public abstract record RpcParams
{
    /// <summary>The catalogue name these params belong to.</summary>
    [JsonIgnore]
    public abstract string MethodName { get; }
}

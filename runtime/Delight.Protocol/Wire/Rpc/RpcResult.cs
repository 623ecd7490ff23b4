using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>
/// Typed result of a catalogue method. Handler failures are results too (<c>{"error":...}</c> inside an
/// <c>ok:true</c> ack), so every result carries an optional <see cref="Error"/>.
/// </summary>
public abstract record RpcResult
{
    [JsonIgnore]
    public abstract string MethodName { get; }

    public Optional<string> Error { get; init; }
}

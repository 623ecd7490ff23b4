using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>
/// The caller's ack of <c>rpc-call</c>: <c>{ok, result?, error?}</c>. <c>result</c> is the callee's value verbatim
/// (a plain JSON object or a ciphertext string; omitted when the callee acked null): decode it with
/// <see cref="WireCodec.DecodeRpcResult"/> once the method is known.
/// </summary>
public sealed record RpcCallAck
{
    public Optional<bool> Ok { get; init; }

    public Optional<RawJson> Result { get; init; }

    public Optional<string> Error { get; init; }

    public static RpcCallAck Failure(string error) => new() { Ok = false, Error = error };

    public static RpcCallAck Success(RawJson? result) => new() { Ok = true, Result = result is null ? Optional<RawJson>.Absent : result };
}

using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/kv</c> response: 200 <c>{success:true, results}</c> or 409 <c>{success:false, errors}</c>.</summary>
public sealed record KvMutateResponse
{
    public Optional<bool> Success { get; init; }

    public Optional<ImmutableArray<KvMutateResult>> Results { get; init; }

    public Optional<ImmutableArray<KvMutateError>> Errors { get; init; }
}

using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/kv</c> request (1..100 mutations, all-or-nothing).</summary>
public sealed record KvMutateRequest
{
    public Optional<ImmutableArray<KvMutation>> Mutations { get; init; }
}

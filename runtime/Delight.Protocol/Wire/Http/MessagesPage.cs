using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>Paging of the messages response.</summary>
public sealed record MessagesPage
{
    public Optional<bool> HasMore { get; init; }

    public Optional<long> NextBeforeSeq { get; init; }
}

using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>{"terminal":Terminal}</c> (legacy <c>{"machine":...}</c> is read as this).</summary>
public sealed record TerminalResponse
{
    public Optional<Terminal> Terminal { get; init; }
}

namespace Delight.Runtime.Relay.Wire;

// Client-to-server payloads after parsing (PROTOCOL.md §2.1), aliases already resolved.

/// <summary><c>message</c>: <see cref="Sid"/> is null when neither <c>sid</c> nor <c>sessionId</c> was sent
/// (the relay then uses the socket's handshake session id).</summary>
public sealed record MessagePayload(string? Sid, string? LocalId, string Message);

/// <summary><c>session-alive</c>: <see cref="Time"/> in ms, 0 means "server now". <see cref="Turn"/> is an optional
/// extension (absent = 0): the CLI's monotonic turn counter, which orders turn boundaries exactly even when two
/// alives carry the same millisecond (RUNTIME.md S8). Servers that do not know it ignore it.</summary>
public sealed record SessionAlivePayload(string Sid, long Time, bool Working, long Turn = 0);

public sealed record TerminalAlivePayload(string TerminalId, long Time);

public sealed record UpdateMetadataPayload(string Sid, string Metadata, long ExpectedVersion);

/// <summary><c>update-state</c>: a missing or null <c>agentState</c> clears the stored value.</summary>
public sealed record UpdateStatePayload(string Sid, string? AgentState, long ExpectedVersion);

public sealed record TerminalUpdateMetadataPayload(string TerminalId, string Metadata, long ExpectedVersion);

public sealed record TerminalUpdateStatePayload(string TerminalId, string DaemonState, long ExpectedVersion);

public sealed record RpcMethodPayload(string Method);

/// <summary><c>rpc-call</c>: <see cref="Params"/> must be a JSON string on the wire (an encoded object or ciphertext).</summary>
public sealed record RpcCallPayload(string Method, string Params);

/// <summary>A typed parse outcome: a value or a clear error (never an exception past the edge).</summary>
public readonly record struct Parsed<T>(T? Value, string? Error)
    where T : class
{
    public bool Ok => Value is not null;

    public static Parsed<T> Success(T value) => new(value, null);

    public static Parsed<T> Fail(string error) => new(null, error);
}

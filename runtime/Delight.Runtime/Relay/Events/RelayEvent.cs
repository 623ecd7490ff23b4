using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay.Events;

/// <summary>
/// Inputs of one account runtime. The front (<see cref="RelayServer"/>) stamps each with the server time
/// (<c>NowMs</c>) and any new id, so the reducer reads no clock and draws no id.
/// </summary>
public abstract record RelayEvent(long NowMs);

public sealed record ClientConnected(ConnectionInfo Connection, long NowMs) : RelayEvent(NowMs);

public sealed record ClientDisconnected(string ConnectionId, long NowMs) : RelayEvent(NowMs);

/// <summary><c>message</c>. <see cref="MessageId"/> is the id the stored message gets.</summary>
public sealed record MessageReceived(string ConnectionId, MessagePayload Payload, string MessageId, long NowMs) : RelayEvent(NowMs);

public sealed record SessionAliveReceived(string ConnectionId, SessionAlivePayload Payload, long NowMs) : RelayEvent(NowMs);

public sealed record TerminalAliveReceived(string ConnectionId, TerminalAlivePayload Payload, long NowMs) : RelayEvent(NowMs);

/// <summary><c>update-metadata</c>; <see cref="Payload"/> is null when the request was invalid (ack error).</summary>
public sealed record UpdateMetadataReceived(string ConnectionId, UpdateMetadataPayload? Payload, RelayAck Ack, long NowMs) : RelayEvent(NowMs);

public sealed record UpdateStateReceived(string ConnectionId, UpdateStatePayload? Payload, RelayAck Ack, long NowMs) : RelayEvent(NowMs);

public sealed record TerminalUpdateMetadataReceived(string ConnectionId, TerminalUpdateMetadataPayload? Payload, RelayAck Ack, long NowMs) : RelayEvent(NowMs);

public sealed record TerminalUpdateStateReceived(string ConnectionId, TerminalUpdateStatePayload? Payload, RelayAck Ack, long NowMs) : RelayEvent(NowMs);

/// <summary>Client <c>ephemeral</c>: a JSON object forwarded verbatim to user-scoped sockets.</summary>
public sealed record EphemeralReceived(string ConnectionId, string RawJson, long NowMs) : RelayEvent(NowMs);

public sealed record RpcRegisterReceived(string ConnectionId, string Method, long NowMs) : RelayEvent(NowMs);

public sealed record RpcUnregisterReceived(string ConnectionId, string Method, long NowMs) : RelayEvent(NowMs);

/// <summary><c>rpc-call</c>; <see cref="Payload"/> is null when it did not parse (<see cref="ParseError"/> says why).</summary>
public sealed record RpcCallReceived(string ConnectionId, RpcCallPayload? Payload, string? ParseError, RelayAck Ack, long NowMs) : RelayEvent(NowMs);

/// <summary>The target acked an <c>rpc-request</c>; <see cref="ResultJson"/> is its value verbatim (null for JSON null).</summary>
public sealed record RpcForwardAcked(long CallId, string? ResultJson, long NowMs) : RelayEvent(NowMs);

/// <summary>The forward timed out (30 s) or the transport failed.</summary>
public sealed record RpcForwardFailed(long CallId, string Error, long NowMs) : RelayEvent(NowMs);

/// <summary>A protected HTTP request. <see cref="NewId"/> is used when the request creates a row.</summary>
public sealed record HttpRequested(AccountHttpRequest Request, string NewId, HttpReply Reply, long NowMs) : RelayEvent(NowMs);

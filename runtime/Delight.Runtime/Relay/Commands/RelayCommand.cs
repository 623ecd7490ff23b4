using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.Storage;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay.Commands;

/// <summary>Effects of one account runtime, executed in order by its effects runner.</summary>
public abstract record RelayCommand;

/// <summary>Queue an <c>update</c> on one connection's outbox.</summary>
public sealed record SendUpdate(string ConnectionId, UpdateEnvelope Update) : RelayCommand;

/// <summary>Queue an <c>ephemeral</c> (typed activity record or a client's verbatim object) on one outbox.</summary>
public sealed record SendEphemeral(string ConnectionId, string PayloadJson) : RelayCommand;

/// <summary>Queue a reply event (<c>rpc-registered</c>, <c>rpc-unregistered</c>, <c>rpc-error</c>) on one outbox.</summary>
public sealed record SendReplyEvent(string ConnectionId, string EventName, string PayloadJson) : RelayCommand;

/// <summary>Send the ack of a CAS event.</summary>
public sealed record AckVersioned(RelayAck Ack, VersionedAck Payload) : RelayCommand;

/// <summary>Send the ack of an <c>rpc-call</c>.</summary>
public sealed record AckRpcCall(RelayAck Ack, RpcCallAck Payload) : RelayCommand;

/// <summary>Forward <c>rpc-request</c> to the registered connection; the result comes back as
/// <see cref="Events.RpcForwardAcked"/> or <see cref="Events.RpcForwardFailed"/> (after the ack timeout).</summary>
public sealed record ForwardRpc(long CallId, string TargetConnectionId, RpcRequestPayload Request) : RelayCommand;

public sealed record ReplyHttp(HttpReply Reply, RelayHttpResponse Response) : RelayCommand;

/// <summary>Write the durable part of the account (sessions, terminals, update seq) to the store.</summary>
public sealed record PersistAccount(AccountSnapshot Snapshot) : RelayCommand;

/// <summary>An input the relay refused without a reply channel (the <c>message</c> event has no ack); reported to
/// the diagnostics observer so nothing disappears silently.</summary>
public sealed record ReportDropped(string ConnectionId, string EventName, string Reason) : RelayCommand;

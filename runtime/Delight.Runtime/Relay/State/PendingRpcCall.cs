using Delight.Runtime.Relay.Connections;

namespace Delight.Runtime.Relay.State;

/// <summary>An <c>rpc-call</c> forwarded as <c>rpc-request</c> and not answered yet.</summary>
public sealed record PendingRpcCall(long CallId, string CallerConnectionId, string TargetConnectionId, string Method, RelayAck Ack);

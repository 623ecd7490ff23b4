using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

// RPC routing (PROTOCOL.md §5.1, RUNTIME.md §6.5): last registration wins; unregister and disconnect remove an
// entry only while it still points at that socket; a forward waits for the target's ack up to the timeout.
public sealed partial class AccountReducer
{
    private static void OnRpcRegister(Tx tx, RpcRegisterReceived e)
    {
        if (string.IsNullOrEmpty(e.Method))
        {
            tx.Add(new SendReplyEvent(e.ConnectionId, "rpc-error", RelayWireCodec.Serialize(new RpcErrorReply("register", RpcErrors.InvalidMethodName))));
            return;
        }

        tx.State = tx.State with { RpcMethods = tx.State.RpcMethods.SetItem(e.Method, e.ConnectionId) };
        tx.Add(new SendReplyEvent(e.ConnectionId, "rpc-registered", RelayWireCodec.Serialize(new RpcMethodReply(e.Method))));
    }

    private static void OnRpcUnregister(Tx tx, RpcUnregisterReceived e)
    {
        if (string.IsNullOrEmpty(e.Method))
        {
            tx.Add(new SendReplyEvent(e.ConnectionId, "rpc-error", RelayWireCodec.Serialize(new RpcErrorReply("unregister", RpcErrors.InvalidMethodName))));
            return;
        }

        if (tx.State.RpcMethods.TryGetValue(e.Method, out var owner) && owner == e.ConnectionId)
        {
            tx.State = tx.State with { RpcMethods = tx.State.RpcMethods.Remove(e.Method) };
        }

        tx.Add(new SendReplyEvent(e.ConnectionId, "rpc-unregistered", RelayWireCodec.Serialize(new RpcMethodReply(e.Method))));
    }

    private static void OnRpcCall(Tx tx, RpcCallReceived e)
    {
        if (e.Payload is not { } call)
        {
            tx.Add(new AckRpcCall(e.Ack, RpcCallAck.Failure(e.ParseError ?? RpcErrors.InvalidParameters)));
            return;
        }

        if (!tx.State.RpcMethods.TryGetValue(call.Method, out var target) || !tx.State.Connections.ContainsKey(target))
        {
            tx.Add(new AckRpcCall(e.Ack, RpcCallAck.Failure(RpcErrors.NotAvailable)));
            return;
        }

        if (target == e.ConnectionId)
        {
            tx.Add(new AckRpcCall(e.Ack, RpcCallAck.Failure(RpcErrors.SameSocket)));
            return;
        }

        var callId = tx.State.NextRpcCallId;
        tx.State = tx.State with
        {
            NextRpcCallId = callId + 1,
            PendingRpc = tx.State.PendingRpc.Add(callId, new PendingRpcCall(callId, e.ConnectionId, target, call.Method, e.Ack)),
        };
        tx.Add(new ForwardRpc(callId, target, new RpcRequestPayload(call.Method, call.Params)));
    }

    private static void OnRpcAcked(Tx tx, RpcForwardAcked e)
    {
        // A late ack after a timeout or a disconnect finds nothing pending and is ignored.
        if (tx.State.PendingRpc.TryGetValue(e.CallId, out var call))
        {
            tx.State = tx.State with { PendingRpc = tx.State.PendingRpc.Remove(e.CallId) };
            tx.Add(new AckRpcCall(call.Ack, RpcCallAck.Success(e.ResultJson)));
        }
    }

    private static void OnRpcFailed(Tx tx, RpcForwardFailed e)
    {
        if (tx.State.PendingRpc.TryGetValue(e.CallId, out var call))
        {
            tx.State = tx.State with { PendingRpc = tx.State.PendingRpc.Remove(e.CallId) };
            tx.Add(new AckRpcCall(call.Ack, RpcCallAck.Failure(e.Error)));
        }
    }
}

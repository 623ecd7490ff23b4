using System.Text.Json;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Wire;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

public sealed class AccountReducerPurityTests
{
    [Test]
    public void ReducingTheSameInputTwiceGivesEqualOutputAndLeavesTheInputUnchanged()
    {
        var reducer = new AccountReducer();
        var ack = new RelayAck("c1", _ => Task.CompletedTask);
        var reply = new HttpReply();
        var state = AccountState.Empty("a");
        RelayEvent[] script =
        [
            new HttpRequested(new CreateTerminalRequest("t", "m"), "", reply, 1),
            new HttpRequested(new CreateSessionRequest("tag", "t", "m", null, "AAAA"), "s1", reply, 2),
            new ClientConnected(new ConnectionInfo("c1", "a", ClientScope.SessionScoped, "s1", null), 3),
            new ClientConnected(new ConnectionInfo("c2", "a", ClientScope.UserScoped, null, null), 3),
            new MessageReceived("c2", new MessagePayload("s1", "l", "x"), "m1", 4),
            new SessionAliveReceived("c1", new SessionAlivePayload("s1", 5, true), 5),
            new UpdateStateReceived("c1", new UpdateStatePayload("s1", "{}", 0), ack, 6),
            new RpcRegisterReceived("c1", "s1:abort", 7),
            new RpcCallReceived("c2", new RpcCallPayload("s1:abort", "{}"), null, ack, 8),
            new RpcForwardAcked(1, "{}", 9),
            new ClientDisconnected("c1", 10),
        ];

        foreach (var @event in script)
        {
            var before = Canonical(state);
            var first = reducer.Reduce(state, @event);
            var second = reducer.Reduce(state, @event);
            Assert.That(Canonical(state), Is.EqualTo(before), $"{@event.GetType().Name} mutated its input");
            Assert.That(Canonical(second.State), Is.EqualTo(Canonical(first.State)), @event.GetType().Name);
            Assert.That(second.Commands.Select(CanonicalCommand), Is.EqualTo(first.Commands.Select(CanonicalCommand)), @event.GetType().Name);
            state = first.State;
        }

        Assert.That(state.Sessions["s1"].Seq, Is.EqualTo(1));
        Assert.That(state.Connections.Keys, Is.EqualTo(new[] { "c2" }));
    }

    private static string CanonicalCommand(RelayCommand command) => command switch
    {
        ReplyHttp r => "http:" + r.Response.StatusCode + JsonSerializer.Serialize(r.Response.Body, r.Response.Body.GetType()),
        PersistAccount p => "persist:" + Canonical(AccountState.Empty(p.Snapshot.AccountId) with { UserSeq = p.Snapshot.UserSeq, Sessions = p.Snapshot.Sessions, Terminals = p.Snapshot.Terminals }),
        SendUpdate u => "update:" + u.ConnectionId + RelayWireCodec.Serialize(u.Update),
        _ => command.ToString(),
    };

    /// <summary>Structural text of the state (records with immutable collections compare by reference otherwise).</summary>
    private static string Canonical(AccountState s) => string.Join("|",
        s.AccountId, s.UserSeq, s.NextRpcCallId,
        string.Join(",", s.Sessions.Values.Select(x => x with { Messages = [], LocalIds = [] } + string.Join(";", x.Messages) + string.Join(";", x.LocalIds.Order(StringComparer.Ordinal)))),
        string.Join(",", s.Terminals.Values), string.Join(",", s.Connections.Values), string.Join(",", s.RpcMethods),
        string.Join(",", s.PendingRpc.Values.Select(p => p with { Ack = null! })));
}

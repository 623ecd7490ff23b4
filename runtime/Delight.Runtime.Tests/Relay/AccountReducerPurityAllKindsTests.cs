using System.Text.Json;
using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Wire;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

/// <summary>The relay reducer's purity for every event kind (the script of <see cref="AccountReducerPurityTests"/>
/// leaves out the terminal, metadata, ephemeral, unregister and forward-failed kinds); a coverage check fails when a
/// kind is added without a step here.</summary>
public sealed class AccountReducerPurityAllKindsTests
{
    private static RelayEvent[] Script()
    {
        var ack = new RelayAck("c1", _ => Task.CompletedTask);
        var reply = new HttpReply();
        return
        [
            new HttpRequested(new CreateTerminalRequest("t", "m"), "", reply, 1),
            new HttpRequested(new CreateSessionRequest("tag", "t", "m", null, "AAAA"), "s1", reply, 2),
            new ClientConnected(new ConnectionInfo("c1", "a", ClientScope.SessionScoped, "s1", null), 3),
            new ClientConnected(new ConnectionInfo("c2", "a", ClientScope.UserScoped, null, null), 3),
            new ClientConnected(new ConnectionInfo("c3", "a", ClientScope.TerminalScoped, null, "t"), 3),
            new TerminalAliveReceived("c3", new TerminalAlivePayload("t", 4), 4),
            new UpdateMetadataReceived("c1", new UpdateMetadataPayload("s1", "m2", 0), ack, 5),
            new UpdateMetadataReceived("c1", new UpdateMetadataPayload("s1", "m3", 0), ack, 5),
            new UpdateStateReceived("c1", new UpdateStatePayload("s1", "{}", 0), ack, 6),
            new TerminalUpdateMetadataReceived("c3", new TerminalUpdateMetadataPayload("t", "tm", 1), ack, 6),
            new TerminalUpdateStateReceived("c3", new TerminalUpdateStatePayload("t", "d", 0), ack, 6),
            new TerminalUpdateStateReceived("c3", new TerminalUpdateStatePayload("t", "d2", 0), ack, 6),
            new EphemeralReceived("c1", "{\"type\":\"permission-request\",\"id\":\"s1\"}", 7),
            new MessageReceived("c2", new MessagePayload("s1", "l", "x"), "m1", 7),
            new SessionAliveReceived("c1", new SessionAlivePayload("s1", 7, true), 7),
            new RpcRegisterReceived("c1", "s1:abort", 8),
            new RpcCallReceived("c2", new RpcCallPayload("s1:abort", "{}"), null, ack, 8),
            new RpcForwardFailed(1, RpcErrors.NotAvailable, 9),
            new RpcCallReceived("c2", new RpcCallPayload("s1:abort", "{}"), null, ack, 9),
            new RpcForwardAcked(2, "{}", 9),
            new RpcUnregisterReceived("c1", "s1:abort", 10),
            new ClientDisconnected("c1", 11),
        ];
    }

    [Test]
    public void EveryEventKindReducedTwiceGivesEqualOutputAndLeavesTheInputUnchanged()
    {
        var reducer = new AccountReducer();
        var state = AccountState.Empty("a");
        var commandKinds = new HashSet<string>();
        foreach (var @event in Script())
        {
            var before = Canonical(state);
            var first = reducer.Reduce(state, @event);
            var second = reducer.Reduce(state, @event);
            Assert.That(Canonical(state), Is.EqualTo(before), $"{@event.GetType().Name} mutated its input");
            Assert.That(Canonical(second.State), Is.EqualTo(Canonical(first.State)), @event.GetType().Name);
            Assert.That(second.Commands.Select(CanonicalCommand), Is.EqualTo(first.Commands.Select(CanonicalCommand)), @event.GetType().Name);
            commandKinds.UnionWith(first.Commands.Select(c => c.GetType().Name));
            state = first.State;
        }

        // The script reaches the interesting paths, so the check above is not vacuous.
        Assert.That(state.Sessions["s1"].MetadataVersion, Is.EqualTo(1), "one metadata CAS won, the stale one did not");
        Assert.That(state.Terminals["t"].DaemonStateVersion, Is.EqualTo(1), "one daemon-state CAS won, the stale one did not");
        Assert.That(state.RpcMethods, Is.Empty);
        Assert.That(state.PendingRpc, Is.Empty);
        Assert.That(commandKinds, Is.SupersetOf(new[] { nameof(AckVersioned), nameof(AckRpcCall), nameof(ForwardRpc), nameof(SendEphemeral), nameof(SendUpdate), nameof(SendReplyEvent) }));
    }

    [Test]
    public void TheScriptCoversEveryRelayEventKind()
    {
        var kinds = typeof(RelayEvent).Assembly.GetTypes()
            .Where(t => t.IsSealed && typeof(RelayEvent).IsAssignableFrom(t))
            .Select(t => t.Name)
            .ToHashSet();
        Assert.That(Script().Select(e => e.GetType().Name).ToHashSet(), Is.EquivalentTo(kinds));
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

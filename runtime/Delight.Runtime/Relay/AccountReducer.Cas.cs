using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

// Compare-and-swap on session metadata, agent state, terminal metadata and daemon state (PROTOCOL.md §2.1, §10).
// The ack's version is omitted when 0 (VersionedAck does that). A mismatch broadcasts nothing.
public sealed partial class AccountReducer
{
    private static void OnUpdateMetadata(Tx tx, UpdateMetadataReceived e)
    {
        if (e.Payload is not { } p || !tx.State.Sessions.TryGetValue(p.Sid, out var session))
        {
            tx.Add(new AckVersioned(e.Ack, VersionedAck.Failed()));
            return;
        }

        if (p.ExpectedVersion != session.MetadataVersion)
        {
            tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.VersionMismatch, session.MetadataVersion, Metadata: Empty(session.Metadata))));
            return;
        }

        var version = p.ExpectedVersion + 1;
        SetSession(tx, session with { Metadata = p.Metadata, MetadataVersion = version, UpdatedAtMs = e.NowMs });
        tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.Success, version, Metadata: p.Metadata)));
        var update = tx.NextUpdate(new UpdateSessionBody(session.Id, new VersionedValue(p.Metadata, version), null), e.NowMs);
        UpdateToSession(tx, session.Id, update, skipConnectionId: e.ConnectionId);
    }

    private static void OnUpdateState(Tx tx, UpdateStateReceived e)
    {
        if (e.Payload is not { } p || !tx.State.Sessions.TryGetValue(p.Sid, out var session))
        {
            tx.Add(new AckVersioned(e.Ack, VersionedAck.Failed()));
            return;
        }

        if (p.ExpectedVersion != session.AgentStateVersion)
        {
            tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.VersionMismatch, session.AgentStateVersion, AgentState: Empty(session.AgentState))));
            return;
        }

        var version = p.ExpectedVersion + 1;
        SetSession(tx, session with { AgentState = p.AgentState, AgentStateVersion = version, UpdatedAtMs = e.NowMs });
        tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.Success, version, AgentState: Empty(p.AgentState))));
        var update = tx.NextUpdate(new UpdateSessionBody(session.Id, null, new VersionedValue(p.AgentState, version)), e.NowMs);
        UpdateToSession(tx, session.Id, update, skipConnectionId: e.ConnectionId);
    }

    private static void OnTerminalUpdateMetadata(Tx tx, TerminalUpdateMetadataReceived e)
    {
        if (e.Payload is not { } p)
        {
            tx.Add(new AckVersioned(e.Ack, VersionedAck.Failed("Invalid parameters")));
            return;
        }

        if (!tx.State.Terminals.TryGetValue(p.TerminalId, out var terminal))
        {
            tx.Add(new AckVersioned(e.Ack, VersionedAck.Failed("Terminal not found")));
            return;
        }

        if (p.ExpectedVersion != terminal.MetadataVersion)
        {
            tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.VersionMismatch, terminal.MetadataVersion, Metadata: Empty(terminal.Metadata))));
            return;
        }

        var version = p.ExpectedVersion + 1;
        SetTerminal(tx, terminal with { Metadata = p.Metadata, MetadataVersion = version, UpdatedAtMs = e.NowMs });
        tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.Success, version, Metadata: p.Metadata)));
        var update = tx.NextUpdate(new UpdateTerminalBody(terminal.Id, new VersionedValue(p.Metadata, version), null), e.NowMs);
        UpdateToUser(tx, update, skipConnectionId: e.ConnectionId);
    }

    private static void OnTerminalUpdateState(Tx tx, TerminalUpdateStateReceived e)
    {
        if (e.Payload is not { } p)
        {
            tx.Add(new AckVersioned(e.Ack, VersionedAck.Failed("Invalid parameters")));
            return;
        }

        if (!tx.State.Terminals.TryGetValue(p.TerminalId, out var terminal))
        {
            tx.Add(new AckVersioned(e.Ack, VersionedAck.Failed("Terminal not found")));
            return;
        }

        if (p.ExpectedVersion != terminal.DaemonStateVersion)
        {
            tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.VersionMismatch, terminal.DaemonStateVersion, DaemonState: Empty(terminal.DaemonState))));
            return;
        }

        var version = p.ExpectedVersion + 1;
        SetTerminal(tx, terminal with { DaemonState = p.DaemonState, DaemonStateVersion = version, UpdatedAtMs = e.NowMs });
        tx.Add(new AckVersioned(e.Ack, new VersionedAck(VersionedAck.Success, version, DaemonState: p.DaemonState)));
        var update = tx.NextUpdate(new UpdateTerminalBody(terminal.Id, null, new VersionedValue(p.DaemonState, version)), e.NowMs);
        UpdateToUser(tx, update, skipConnectionId: e.ConnectionId);
    }

    /// <summary>Values are omitted from acks when NULL or empty.</summary>
    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

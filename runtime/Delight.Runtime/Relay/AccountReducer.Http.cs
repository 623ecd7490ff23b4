using System.Collections.Immutable;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

// Protected HTTP endpoints that read or write account state (PROTOCOL.md §7.2). Replies are effects, so a caller
// sees an answer only after the state it reports is committed.
public sealed partial class AccountReducer
{
    private static void OnHttp(Tx tx, HttpRequested e)
    {
        var response = e.Request switch
        {
            ListSessionsRequest r => ListSessions(tx.State, r),
            CreateSessionRequest r => CreateSession(tx, r, e),
            GetSessionRequest r => tx.State.Sessions.TryGetValue(r.SessionId, out var s)
                ? RelayHttpResponse.Ok(new SessionBody(ToWire(s, working: false)))
                : RelayHttpResponse.Error(404, "session not found"),
            ListMessagesRequest r => ListMessages(tx.State, r),
            ListTerminalsRequest => RelayHttpResponse.Ok(new TerminalsBody(
                [.. tx.State.Terminals.Values.OrderByDescending(t => t.ActiveAtMs).ThenBy(t => t.Id, StringComparer.Ordinal).Select(ToWire)])),
            CreateTerminalRequest r => CreateTerminal(tx, r, e.NowMs),
            GetTerminalRequest r => tx.State.Terminals.TryGetValue(r.TerminalId, out var t)
                ? RelayHttpResponse.Ok(new TerminalBody(ToWire(t)))
                : RelayHttpResponse.Error(404, "terminal not found"),
            _ => RelayHttpResponse.Error(404, "not found"),
        };
        tx.Add(new ReplyHttp(e.Reply, response));
    }

    private static RelayHttpResponse ListSessions(AccountState state, ListSessionsRequest request)
    {
        var limit = request.Limit is > 0 ? Math.Min(request.Limit.Value, 200) : 150;
        ImmutableArray<WireSession> sessions =
        [
            .. state.Sessions.Values
                .OrderByDescending(s => s.UpdatedAtMs)
                .ThenByDescending(s => s.Id, StringComparer.Ordinal)
                .Take(limit)
                .Select(s => ToWire(s, working: s.Turn.Open)),
        ];
        return RelayHttpResponse.Ok(new SessionsBody(sessions));
    }

    private static RelayHttpResponse CreateSession(Tx tx, CreateSessionRequest r, HttpRequested e)
    {
        if (string.IsNullOrEmpty(r.Tag) || string.IsNullOrEmpty(r.TerminalId) || string.IsNullOrEmpty(r.Metadata))
        {
            return RelayHttpResponse.Error(400, "tag, terminalId and metadata are required");
        }

        if (!tx.State.Terminals.ContainsKey(r.TerminalId))
        {
            return RelayHttpResponse.Error(404, "terminal not found");
        }

        var existing = tx.State.Sessions.Values.FirstOrDefault(s => s.Tag == r.Tag);
        if (existing is not null)
        {
            return RefreshSession(tx, existing, r, e.NowMs);
        }

        if (string.IsNullOrEmpty(r.DataEncryptionKey))
        {
            return RelayHttpResponse.Error(400, "dataEncryptionKey is required");
        }

        if (ValidateKey(r.DataEncryptionKey) is { } keyError)
        {
            return keyError;
        }

        var session = new SessionRecord(
            e.NewId, r.Tag, r.TerminalId, 0, e.NowMs, e.NowMs, true, e.NowMs, r.Metadata, 0, r.AgentState, 0,
            r.DataEncryptionKey, TurnState.None, [], ImmutableHashSet.Create<string>(StringComparer.Ordinal));
        SetSession(tx, session);
        var update = tx.NextUpdate(
            new NewSessionBody(session.Id, 0, session.Metadata, 0, session.AgentState, 0, session.DataEncryptionKey, true, e.NowMs, e.NowMs, e.NowMs),
            e.NowMs);
        UpdateToUser(tx, update, skipConnectionId: null);
        return RelayHttpResponse.Ok(new SessionBody(ToWire(session, working: false)));
    }

    private static RelayHttpResponse RefreshSession(Tx tx, SessionRecord session, CreateSessionRequest r, long nowMs)
    {
        if (session.TerminalId != r.TerminalId)
        {
            return RelayHttpResponse.Error(409, "session tag already in use");
        }

        if (session.DataEncryptionKey is null)
        {
            if (string.IsNullOrEmpty(r.DataEncryptionKey))
            {
                return RelayHttpResponse.Error(400, "missing dataEncryptionKey for existing session");
            }

            if (ValidateKey(r.DataEncryptionKey) is { } keyError)
            {
                return keyError;
            }

            session = session with { DataEncryptionKey = r.DataEncryptionKey };
        }

        VersionedValue? metadata = null;
        VersionedValue? agentState = null;
        if (session.Metadata != r.Metadata)
        {
            session = session with { Metadata = r.Metadata, MetadataVersion = session.MetadataVersion + 1 };
            metadata = new VersionedValue(session.Metadata, session.MetadataVersion);
        }

        if (!string.IsNullOrEmpty(r.AgentState) && session.AgentState != r.AgentState)
        {
            session = session with { AgentState = r.AgentState, AgentStateVersion = session.AgentStateVersion + 1 };
            agentState = new VersionedValue(session.AgentState, session.AgentStateVersion);
        }

        if (metadata is not null || agentState is not null)
        {
            session = session with { UpdatedAtMs = nowMs };
            SetSession(tx, session);
            UpdateToUser(tx, tx.NextUpdate(new UpdateSessionBody(session.Id, metadata, agentState), nowMs), skipConnectionId: null);
        }
        else if (!ReferenceEquals(session, tx.State.Sessions[session.Id]))
        {
            SetSession(tx, session);
        }

        return RelayHttpResponse.Ok(new SessionBody(ToWire(session, working: false)));
    }

    private static RelayHttpResponse? ValidateKey(string key)
    {
        var buffer = new byte[(key.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(key, buffer, out var length))
        {
            return RelayHttpResponse.Error(400, "invalid dataEncryptionKey encoding");
        }

        return length is < 1 or > 4096 ? RelayHttpResponse.Error(400, "invalid dataEncryptionKey size") : null;
    }

    private static RelayHttpResponse ListMessages(AccountState state, ListMessagesRequest r)
    {
        if (!state.Sessions.TryGetValue(r.SessionId, out var session))
        {
            return RelayHttpResponse.Error(404, "session not found");
        }

        var limit = r.Limit is > 0 ? Math.Min(r.Limit.Value, 500) : 100;
        var all = session.Messages; // ascending by seq
        if (r.BeforeSeq is { } before)
        {
            var older = all.Where(m => m.Seq < before).ToList();
            return NewestPage(older, limit);
        }

        if (r.AfterSeq is { } after)
        {
            ImmutableArray<WireMessage> page = [.. all.Where(m => m.Seq > after).Take(limit).Select(ToWire)];
            return RelayHttpResponse.Ok(new MessagesBody(page, new MessagesPage(false, null)));
        }

        if (r.Offset is { } offset)
        {
            ImmutableArray<WireMessage> page = [.. all.Skip(Math.Max(0, offset)).Take(limit).Select(ToWire)];
            return RelayHttpResponse.Ok(new MessagesBody(page, null));
        }

        return NewestPage([.. all], limit);
    }

    private static RelayHttpResponse NewestPage(List<StoredMessage> ascending, int limit)
    {
        var skip = Math.Max(0, ascending.Count - limit);
        ImmutableArray<WireMessage> page = [.. ascending.Skip(skip).Select(ToWire)];
        long? next = page.IsEmpty ? null : page[0].Seq;
        return RelayHttpResponse.Ok(new MessagesBody(page, new MessagesPage(skip > 0, next)));
    }

    private static RelayHttpResponse CreateTerminal(Tx tx, CreateTerminalRequest r, long nowMs)
    {
        if (string.IsNullOrEmpty(r.Id) || string.IsNullOrEmpty(r.Metadata))
        {
            return RelayHttpResponse.Error(400, "id and metadata are required");
        }

        if (tx.State.Terminals.TryGetValue(r.Id, out var existing))
        {
            return RelayHttpResponse.Ok(new TerminalBody(ToWire(existing)));
        }

        var daemonVersion = string.IsNullOrEmpty(r.DaemonState) ? 0 : 1;
        var terminal = new TerminalRecord(r.Id, r.Metadata, 1, r.DaemonState, daemonVersion, r.DataEncryptionKey, false, 0, nowMs, nowMs);
        SetTerminal(tx, terminal);
        UpdateToUser(tx, tx.NextUpdate(
            new NewTerminalBody(terminal.Id, 0, terminal.Metadata, 1, terminal.DaemonState, daemonVersion, terminal.DataEncryptionKey, false, 0, nowMs, nowMs),
            nowMs), skipConnectionId: null);
        UpdateToUser(tx, tx.NextUpdate(new UpdateTerminalBody(terminal.Id, new VersionedValue(terminal.Metadata, 1), null), nowMs), skipConnectionId: null);
        return RelayHttpResponse.Ok(new TerminalBody(ToWire(terminal)));
    }

    internal static WireSession ToWire(SessionRecord s, bool working) => new(
        s.Id, s.Seq, s.CreatedAtMs, s.UpdatedAtMs, s.Active, s.ActiveAtMs, working, s.TerminalId, s.Metadata, s.MetadataVersion,
        s.AgentState, s.AgentStateVersion, s.DataEncryptionKey);

    internal static WireTerminal ToWire(TerminalRecord t) => new(
        t.Id, 0, t.Metadata, t.MetadataVersion, t.DaemonState, t.DaemonStateVersion, t.DataEncryptionKey, t.Active, t.ActiveAtMs, t.CreatedAtMs, t.UpdatedAtMs);
}

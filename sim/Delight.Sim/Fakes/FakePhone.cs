using System.Collections.Immutable;
using System.Text.Json;
using Delight.Runtime.Sdk;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;

namespace Delight.Sim.Fakes;

/// <summary>
/// The fake phone: a user of the real SDK facade (<see cref="DelightClient"/>) that sends messages, answers permission
/// prompts and switches modes from several tasks at once, and checks what the SDK shows it: messages applied once
/// each, in seq order; agent-state versions never going backwards. Every send and switch opens a liveness
/// obligation. A message the relay never got (lost in flight on a dropped socket: the SDK's send has no ack) is shown
/// to the user as not sent once a history fetch proves it missing; it is never resent, so order is kept.
/// </summary>
public sealed class FakePhone : ISdkListener
{
    public static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly SimContext _context;
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _atRelay = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _sentAt = new(StringComparer.Ordinal);
    private long _lastSeq;
    private long _lastVersion = -1;
    private int _switches;
    private int _openMessages;

    private readonly Func<long> _heardFromRelay;
    private readonly TimeSpan _pendingSendTtl;

    /// <param name="heardFromRelay">How many frames and HTTP answers have reached the phone so far (the network counts them).</param>
    /// <param name="pendingSendTtl">How long the SDK treats its own send as in flight (<see cref="SdkOptions.PendingSendTtl"/>).</param>
    public FakePhone(SimContext context, DelightClient client, string sessionId, Func<long> heardFromRelay, TimeSpan pendingSendTtl)
    {
        _context = context;
        Client = client;
        SessionId = sessionId;
        _heardFromRelay = heardFromRelay;
        _pendingSendTtl = pendingSendTtl;
    }

    public DelightClient Client { get; }

    public string SessionId { get; }

    /// <summary>Messages sent and not yet delivered to the agent or reported failed.</summary>
    public int OpenMessages
    {
        get
        {
            lock (_gate)
            {
                return _openMessages;
            }
        }
    }

    /// <summary>The highest seq applied in order (every seq from 1 to it is applied).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    public long AgentStateVersion => Client.GetSession(SessionId)?.AgentStateVersion ?? 0;

    /// <summary>Prompts the phone shows: the requests of the newest agent state it has.</summary>
    public IReadOnlyList<string> PendingPermissions => Requests(Client.GetSession(SessionId)?.AgentStateJson);

    /// <summary>The world calls this when the agent received a message or the session reported it failed.</summary>
    public void MessageSettled(string localId)
    {
        lock (_gate)
        {
            if (!_sentAt.ContainsKey(localId) || !_settled.Add(localId))
            {
                return;
            }

            _openMessages--;
        }

        _context.Liveness.Close<MessageSettledMonitor>(localId);
    }

    /// <summary>Sends <paramref name="count"/> messages "p{sender}-{n}" one after the other.</summary>
    public async Task SendMessagesAsync(int sender, int count)
    {
        for (var n = 0; n < count; n++)
        {
            var localId = $"L{sender}-{n}";
            lock (_gate)
            {
                _openMessages++;
                _sentAt[localId] = _context.Clock.Elapsed;
            }

            _context.Liveness.Open<MessageSettledMonitor>(localId);
            _context.Log.Add("phone", "send", $"{localId} 'p{sender}-{n}'");
            var result = await SendUntilAcceptedAsync(localId, $"p{sender}-{n}").ConfigureAwait(false);
            if (!result.Sent)
            {
                _context.Log.Add("phone", "send-failed", $"{localId}: {result.Refusal}");
                MessageSettled(localId);
            }
        }
    }

    /// <summary>The SDK refuses a send while its socket is down; the user tries again a few times.</summary>
    private async Task<SendResult> SendUntilAcceptedAsync(string localId, string text)
    {
        SendResult result = SendResult.Refused(localId, "not attempted");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            result = await Client.SendMessageAsync(SessionId, text, localId, bypassGate: true).ConfigureAwait(false);
            if (result.Sent)
            {
                return result;
            }

            await VirtualDelay.For(_context.Clock, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The user taps send twice, quickly, through the SDK's gate (S1 step 1). Once the first tap is accepted the
    /// SDK counts it as in flight, so it must refuse the second unless the relay told the phone something in between
    /// (an activity, a reconnect) or the pending window passed (3.10-H). Both windows are taken conservatively: the
    /// count and the clock are read before the first call and after the second returns.</summary>
    public async Task TapSendTwiceAsync()
    {
        var heardBefore = _heardFromRelay();
        var startedAt = _context.Clock.Elapsed;
        var first = await TapSendAsync("T-0", "tap-0").ConfigureAwait(false);
        var second = await TapSendAsync("T-1", "tap-1").ConfigureAwait(false);
        var heardAfter = _heardFromRelay();
        var took = _context.Clock.Elapsed - startedAt;
        _context.Invariants.Check(!(first.Sent && second.Sent && heardAfter == heardBefore && took < _pendingSendTtl), InvariantNames.SdkSendGateCountsOwnSend,
            $"the SDK accepted a second send {took.TotalMilliseconds:0} ms after its first with nothing heard from the relay in between");
    }

    private async Task<SendResult> TapSendAsync(string localId, string text)
    {
        lock (_gate)
        {
            _openMessages++;
            _sentAt[localId] = _context.Clock.Elapsed;
        }

        _context.Liveness.Open<MessageSettledMonitor>(localId);
        _context.Log.Add("phone", "tap-send", $"{localId} '{text}'");
        var result = await Client.SendMessageAsync(SessionId, text, localId).ConfigureAwait(false);
        if (!result.Sent)
        {
            _context.Log.Add("phone", "send-refused", $"{localId}: {result.Refusal}");
            MessageSettled(localId);
        }

        return result;
    }

    /// <summary>The swarm's senders, concurrently, sharing the swarm's message count.</summary>
    public Task SendFromAllTasksAsync() =>
        Delight.Runtime.Actor.Awaits.AllAsync(Enumerable.Range(0, _context.Swarm.PhoneTasks).Select(sender =>
            Task.Run(() => SendMessagesAsync(sender, Math.Max(1, _context.Swarm.MessageCount / _context.Swarm.PhoneTasks)))));

    /// <summary>Messages still open long after they were sent, while connected: if the relay's history does not have
    /// them, they were lost in flight and the phone shows them as not sent. Returns true when it checked.</summary>
    public async Task<bool> ReconcileLostMessagesAsync()
    {
        string[] overdue;
        lock (_gate)
        {
            var now = _context.Clock.Elapsed;
            overdue = [.. _sentAt.Where(p => !_settled.Contains(p.Key) && !_atRelay.Contains(p.Key) && now - p.Value >= LostAfter).Select(p => p.Key).Order(StringComparer.Ordinal)];
        }

        if (overdue.Length == 0 || !Client.IsConnected)
        {
            return false;
        }

        // The relay's seq for the session, then its history up to that seq: only a complete view proves a loss.
        var list = await Client.ListSessionsAsync().ConfigureAwait(false);
        if (list.Value?.Sessions.FirstOrDefault(s => s.Id == SessionId) is not { } row)
        {
            return false;
        }

        var history = await Client.GetMessagesAsync(SessionId).ConfigureAwait(false);
        if (history.Count < row.Seq)
        {
            return false; // the fetch failed or left a gap: try again later
        }

        var atRelay = history.Select(m => m.LocalId).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            _atRelay.UnionWith(overdue.Where(atRelay.Contains)); // the relay has them: delivering them is the CLI's job now
        }

        foreach (var localId in overdue.Where(id => !atRelay.Contains(id)))
        {
            _context.Log.Add("phone", "lost", $"{localId} never reached the relay: shown as not sent");
            MessageSettled(localId);
        }

        return true;
    }

    /// <summary>The user picks another model in the app (the agent-config RPC, which the CLI persists at once). A
    /// liveness obligation while it waits, like a switch.</summary>
    public async Task ChangeModelAsync(string model)
    {
        int id;
        lock (_gate)
        {
            id = ++_switches;
        }

        var key = $"phone-config-{id}";
        _context.Liveness.Open<SwitchRepliedMonitor>(key);
        _context.Log.Add("phone", "agent-config", $"#{id} model {model}");
        var outcome = await Client.SetAgentConfigAsync(SessionId, model: model).ConfigureAwait(false);
        _context.Log.Add("phone", "agent-config-reply", $"#{id} {(outcome.Ok ? "ok" : outcome.Error)}");
        _context.Liveness.Close<SwitchRepliedMonitor>(key);
    }

    public async Task<SwitchResult> SwitchAsync(string mode)
    {
        int id;
        lock (_gate)
        {
            id = ++_switches;
        }

        var key = $"phone-switch-{id}";
        _context.Liveness.Open<SwitchRepliedMonitor>(key);
        _context.Log.Add("phone", "switch", $"#{id} to {mode}");
        var outcome = await SwitchWhenOnlineAsync(mode).ConfigureAwait(false);
        var result = outcome.Ok ? new SwitchResult(ResultMode(outcome.ResultJson) ?? mode, null) : new SwitchResult(mode, outcome.Error ?? "failed");
        _context.Log.Add("phone", "switch-reply", $"#{id} {result.Mode} {result.Error ?? "ok"}");
        _context.Liveness.Close<SwitchRepliedMonitor>(key);
        return result;
    }

    /// <summary>The app only offers the switch once it shows the session online; it waits a little for that.</summary>
    private async Task<RpcOutcome> SwitchWhenOnlineAsync(string mode)
    {
        for (var wait = 0; wait < 30 && Client.GetSessionUi(SessionId) is not { Online: true }; wait++)
        {
            await VirtualDelay.For(_context.Clock, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        return await Client.SwitchModeAsync(SessionId, mode).ConfigureAwait(false);
    }

    /// <summary>Answers every prompt shown, polling on the virtual clock until <paramref name="done"/>; with
    /// <paramref name="duplicateAnswers"/> each prompt is answered twice.</summary>
    public async Task AnswerPermissionsAsync(Func<bool> done, bool allow = true, bool duplicateAnswers = false)
    {
        while (!done())
        {
            foreach (var requestId in PendingPermissions)
            {
                lock (_gate)
                {
                    if (!duplicateAnswers && !_answered.Add(requestId))
                    {
                        continue;
                    }
                }

                _context.Log.Add("phone", "answer", $"{requestId} allow={allow}");
                var outcome = await Client.AnswerPermissionAsync(SessionId, requestId, allow).ConfigureAwait(false);
                _context.Log.Add("phone", "answer-reply", $"{requestId} {(outcome.Ok ? "ok" : outcome.Error)}");
            }

            await ReconcileLostMessagesAsync().ConfigureAwait(false);

            await VirtualDelay.For(_context.Clock, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }
    }

    void ISdkListener.OnConnected() => _context.Log.Add("phone", "connected");

    void ISdkListener.OnDisconnected(string reason) => _context.Log.Add("phone", "disconnected", reason);

    void ISdkListener.OnUpdate(SdkUpdate update)
    {
        if (update is SdkMessageApplied applied && applied.SessionId == SessionId)
        {
            lock (_gate)
            {
                _context.Invariants.Check(applied.Message.Seq == _lastSeq + 1, InvariantNames.PhoneAppliesInOrderOnce,
                    $"the phone applied seq {applied.Message.Seq} after seq {_lastSeq}");
                _lastSeq = applied.Message.Seq;
            }

            _context.Log.Add("phone", "applied", $"seq {applied.Message.Seq} {applied.Message.LocalId}");
        }

        var version = Client.GetSession(SessionId)?.AgentStateVersion ?? -1;
        lock (_gate)
        {
            _context.Invariants.Check(version >= _lastVersion, InvariantNames.AgentStateVersionMonotonic,
                $"the phone's agent-state version went from {_lastVersion} to {version}");
            _lastVersion = Math.Max(_lastVersion, version);
        }
    }

    void ISdkListener.OnEphemeral(SdkEphemeral ephemeral)
    {
        if (ephemeral.Type != "activity")
        {
            _context.Log.Add("phone", "ephemeral", ephemeral.Type);
        }
    }

    void ISdkListener.OnError(string message) => _context.Log.Add("phone", "sdk-error", message);

    private static string? ResultMode(string? resultJson)
    {
        if (resultJson is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(resultJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The request ids of an agent state (PROTOCOL.md §6.6 <c>requests</c>), sorted.</summary>
    private static ImmutableArray<string> Requests(string? agentStateJson)
    {
        if (string.IsNullOrEmpty(agentStateJson))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(agentStateJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("requests", out var requests) && requests.ValueKind == JsonValueKind.Object
                ? [.. requests.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

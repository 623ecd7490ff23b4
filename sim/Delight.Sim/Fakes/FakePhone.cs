using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;
using Delight.Sim.StandIns.Sdk;
using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.Fakes;

/// <summary>
/// The fake phone: a user of the SDK client that sends messages, answers permission prompts and switches modes from
/// several tasks at once, and checks what the SDK shows it: messages applied once each, in seq order; agent-state
/// versions never going backwards. Every send and switch opens a liveness obligation.
/// </summary>
public sealed class FakePhone
{
    private readonly object _gate = new();
    private readonly SimContext _context;
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private long _lastSeq;
    private long _lastVersion;
    private int _switches;
    private int _openMessages;

    public FakePhone(SimContext context, PhoneClient client)
    {
        _context = context;
        Client = client;
        client.MessageApplied += OnApplied;
        client.AgentStateApplied += OnAgentState;
        client.MessageFailed += MessageSettled;
    }

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

    /// <summary>The world calls this when the agent received a message or the session reported it failed.</summary>
    public void MessageSettled(string localId)
    {
        lock (_gate)
        {
            if (!_settled.Add(localId))
            {
                return;
            }

            _openMessages--;
        }

        _context.Liveness.Close<MessageSettledMonitor>(localId);
    }

    public PhoneClient Client { get; }

    /// <summary>Sends <paramref name="count"/> messages "p{sender}-{n}" one after the other.</summary>
    public async Task SendMessagesAsync(int sender, int count)
    {
        for (var n = 0; n < count; n++)
        {
            var localId = $"L{sender}-{n}";
            lock (_gate)
            {
                _openMessages++;
            }

            _context.Liveness.Open<MessageSettledMonitor>(localId);
            _context.Log.Add("phone", "send", $"{localId} 'p{sender}-{n}'");
            await Client.SendMessageAsync(localId, $"p{sender}-{n}").ConfigureAwait(false);
        }
    }

    /// <summary>The swarm's senders, concurrently, sharing the swarm's message count.</summary>
    public Task SendFromAllTasksAsync() =>
        Task.WhenAll(Enumerable.Range(0, _context.Swarm.PhoneTasks).Select(sender =>
            Task.Run(() => SendMessagesAsync(sender, Math.Max(1, _context.Swarm.MessageCount / _context.Swarm.PhoneTasks)))));

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
        var result = await Client.SwitchModeAsync(mode).ConfigureAwait(false);
        _context.Log.Add("phone", "switch-reply", $"#{id} {result.Mode} {result.Error ?? "ok"}");
        _context.Liveness.Close<SwitchRepliedMonitor>(key);
        return result;
    }

    /// <summary>Answers every prompt shown, polling on the virtual clock until <paramref name="done"/>; with
    /// <paramref name="duplicateAnswers"/> each prompt is answered twice.</summary>
    public async Task AnswerPermissionsAsync(Func<bool> done, bool allow = true, bool duplicateAnswers = false)
    {
        while (!done())
        {
            foreach (var requestId in Client.PendingPermissions)
            {
                lock (_gate)
                {
                    if (!duplicateAnswers && !_answered.Add(requestId))
                    {
                        continue;
                    }
                }

                _context.Log.Add("phone", "answer", $"{requestId} allow={allow}");
                await Client.AnswerPermissionAsync(requestId, allow).ConfigureAwait(false);
            }

            await VirtualDelay.For(_context.Clock, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }
    }

    private void OnApplied(UpdatePayload update)
    {
        lock (_gate)
        {
            _context.Invariants.Check(update.Seq == _lastSeq + 1, InvariantNames.PhoneAppliesInOrderOnce,
                $"the phone applied seq {update.Seq} after seq {_lastSeq}");
            _lastSeq = update.Seq;
        }
    }

    private void OnAgentState(long version)
    {
        lock (_gate)
        {
            _context.Invariants.Check(version > _lastVersion, InvariantNames.AgentStateVersionMonotonic,
                $"the phone applied agent-state version {version} after {_lastVersion}");
            _lastVersion = version;
        }
    }
}

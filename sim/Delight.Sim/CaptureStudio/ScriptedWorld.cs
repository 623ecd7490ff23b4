using Delight.Runtime.Agents;
using Delight.Runtime.Capture;
using Delight.Runtime.Session;

namespace Delight.Sim.CaptureStudio;

/// <summary>
/// A deterministic discrete-event world around the real session reducer, for recording captures: it answers every
/// command the way the relay, the agent, the phone and the clock would (a runner gets ready, a persist is acked with
/// CAS against a server version, a timer fires, the agent runs a turn with tool output, the phone answers prompts by
/// its policy), in virtual time, and records each transition with a <see cref="CaptureRecorder"/>.
/// </summary>
public sealed class ScriptedWorld
{
    private readonly PriorityQueue<SessionEvent, (long At, long Order)> _pending = new();
    private readonly Dictionary<string, long> _armedTimers = new(StringComparer.Ordinal);
    private readonly StudioClock _clock = new();
    private readonly Dictionary<long, Action<bool>> _waitingTurns = [];
    private long _order;
    private long _now;
    private int _nextRequest;
    private long _nextDecision = 1;

    public ScriptedWorld(CaptureInitialState initial, string producer)
    {
        Initial = initial ?? throw new ArgumentNullException(nameof(initial));
        State = initial.ToState();
        ServerVersion = initial.AgentStateVersion;
        Recorder = new CaptureRecorder(initial, _clock, producer);
    }

    public CaptureInitialState Initial { get; }

    public SessionState State { get; private set; }

    public CaptureRecorder Recorder { get; }

    /// <summary>The relay's agent-state version (CAS).</summary>
    public long ServerVersion { get; set; }

    public bool SocketUp { get; set; } = true;

    /// <summary>Whether a turn of the agent asks for a permission first, and with which tool input.</summary>
    public Func<BufferedMessage, (string Tool, string InputJson)?> PermissionPolicy { get; set; } = _ => null;

    /// <summary>How the phone answers a prompt: true approve, false deny, null never answers.</summary>
    public Func<string, bool?> PhonePolicy { get; set; } = _ => true;

    public TimeSpan PhoneThinkTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Schedules an input from outside (a caller, the phone, the socket).</summary>
    public void At(long ms, SessionEvent @event) => _pending.Enqueue(@event, (ms, _order++));

    /// <summary>Reduces one input, records it, and schedules the world's answers to its commands.</summary>
    public void Step(SessionEvent @event)
    {
        var transition = SessionReducer.Instance.Reduce(State, @event);
        Recorder.OnTransition(State, @event, transition.State, transition.Commands.AsSpan());
        State = transition.State;
        foreach (var command in transition.Commands)
        {
            Answer(command);
        }
    }

    /// <summary>Runs the whole schedule (and everything it causes) up to <paramref name="untilMs"/>.</summary>
    public void Run(long untilMs)
    {
        while (_pending.TryPeek(out var next, out var key) && key.At <= untilMs)
        {
            _pending.Dequeue();
            _now = Math.Max(_now, key.At);
            _clock.Set(_now);
            if (next is TimerFired fired && (!_armedTimers.TryGetValue(fired.Name, out var token) || token != fired.Token))
            {
                continue; // cancelled or re-armed: the runtime's timer never fires
            }

            if (next is TimerFired f)
            {
                _armedTimers.Remove(f.Name);
            }

            Step(next);
        }
    }

    private void Answer(SessionCommand command)
    {
        switch (command)
        {
            case StartRunner start:
                At(_now + 40, new RunnerReady(start.Generation, start.Mode, _now + 40));
                break;
            case StopRunner stop:
                At(_now + 10, new RunnerStopped(stop.Generation, stop.Mode, _now + 10));
                break;
            case ArmTimer arm:
                _armedTimers[arm.Name] = arm.Token;
                At(_now + arm.DelayMs, new TimerFired(arm.Name, arm.Token, _now + arm.DelayMs));
                break;
            case CancelTimer cancel:
                _armedTimers.Remove(cancel.Name);
                break;
            case PersistAgentState persist when !SocketUp:
                At(_now + 5_000, new PersistFailed(persist.Seq, persist.ExpectedVersion, "ack timeout: socket disconnected"));
                break;
            case PersistAgentState persist when persist.ExpectedVersion == ServerVersion:
                ServerVersion++;
                At(_now + 5, new PersistSucceeded(persist.Seq, persist.ExpectedVersion, ServerVersion));
                break;
            case PersistAgentState persist:
                At(_now + 5, new PersistVersionMismatch(persist.Seq, persist.ExpectedVersion, ServerVersion));
                break;
            case SendToAgent send:
                Turn(send.Generation, send.Message);
                break;
            case FetchMissedMessages fetch:
                // The scripted relay holds nothing the session missed: its phone messages arrive live.
                At(_now + 20, new MissedMessagesFetched(fetch.AfterSeq, [], null, _now + 20));
                break;
            case CompletePermissionDecision decision when _waitingTurns.Remove(decision.DecisionId, out var resume):
                resume(decision.Allow);
                break;
            case EmitPermissionRequest prompt:
                if (PhonePolicy(prompt.RequestId) is { } allow)
                {
                    var at = _now + (long)PhoneThinkTime.TotalMilliseconds;
                    At(at, new PermissionDecided(prompt.RequestId, allow, allow ? null : "not now", null, at));
                }

                break;
        }
    }

    /// <summary>One agent turn for a message: working, maybe a permission prompt (the turn waits for its decision),
    /// tool use and result when allowed, the answer, then not working.</summary>
    private void Turn(long generation, BufferedMessage message)
    {
        var t = _now;
        At(t + 10, new EngineWorking(generation, AgentMode.Remote, true, t + 10));
        if (PermissionPolicy(message) is { } ask)
        {
            var requestId = $"toolu_{++_nextRequest:D4}";
            var decisionId = _nextDecision++;
            _waitingTurns[decisionId] = allow => FinishTurn(generation, message, allow);
            At(t + 20, new PermissionAwaited(generation, requestId, ask.Tool, ask.InputJson, decisionId, t + 20));
            return;
        }

        FinishTurn(generation, message, allowed: true);
    }

    private void FinishTurn(long generation, BufferedMessage message, bool allowed)
    {
        var t = _now;
        var text = message.Text.Replace("\"", "'", StringComparison.Ordinal);
        if (allowed)
        {
            var tool = Record(generation, $"tool-use-{message.Seq}", """{"type":"tool_use","id":"toolu_x","name":"Bash","input":{"command":"ls src"}}""");
            var result = Record(generation, $"tool-result-{message.Seq}", """{"type":"tool_result","tool_use_id":"toolu_x","content":"billing.cs\ntax.cs"}""");
            At(t + 30, new OutboundRecordReady(generation, AgentMode.Remote, $"agent-{message.Seq}-1", tool, null, t + 30));
            At(t + 40, new OutboundRecordReady(generation, AgentMode.Remote, $"agent-{message.Seq}-2", result, null, t + 40));
        }

        var answer = Record(generation, $"answer-{message.Seq}", allowed
            ? $$"""{"type":"text","text":"Done with: {{text}}"}"""
            : """{"type":"text","text":"I could not run the tool: permission was not granted."}""");
        At(t + 50, new OutboundRecordReady(generation, AgentMode.Remote, $"agent-{message.Seq}-3", answer, null, t + 50));
        At(t + 60, new EngineWorking(generation, AgentMode.Remote, false, t + 60));
    }

    private static string Record(long generation, string kind, string block) =>
        "{\"role\":\"agent\",\"content\":{\"type\":\"output\",\"data\":{\"type\":\"assistant\",\"uuid\":\"" + kind + "-" + generation +
        "\",\"message\":{\"role\":\"assistant\",\"model\":\"claude-sonnet\",\"content\":[" + block + "]}}}}";

    private sealed class StudioClock : TimeProvider
    {
        private long _ms;

        public void Set(long ms) => _ms = ms;

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(_ms);
    }
}

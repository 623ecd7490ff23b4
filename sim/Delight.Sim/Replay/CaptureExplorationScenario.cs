using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Capture;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;

namespace Delight.Sim.Replay;

/// <summary>
/// `replay --explore`: a captured trace as a seed for hunting races. Each source's inputs keep their recorded order,
/// but Coyote varies the interleaving across sources (one task per source), while causal gates keep every answer
/// after the command it answers. Commands are not compared (a new interleaving may rightly produce others); the
/// safety invariants are checked on every step.
/// </summary>
public sealed class CaptureExplorationScenario : IScenario
{
    public const string NamePrefix = "capture:";

    private readonly CaptureFile _capture;

    public CaptureExplorationScenario(string path, CaptureFile capture)
    {
        _capture = capture ?? throw new ArgumentNullException(nameof(capture));
        Name = NamePrefix + path;
    }

    public string Name { get; }

    public string Description => "A capture's inputs re-interleaved across sources, per-source order and causality kept.";

    public IReadOnlyList<string> Invariants { get; } =
    [
        ReplayInvariants.VersionMonotonic, ReplayInvariants.NoStartAfterShutdown, ReplayInvariants.GenerationsIncrease,
        ReplayInvariants.ReplyOnce, ReplayInvariants.DecisionOnce, ReplayInvariants.MessageAtMostOnce,
    ];

    public SwarmProfile Profile => SwarmProfile.None; // the capture decides what happened; Coyote only re-interleaves it

    /// <summary>Loads a capture file as an exploration scenario (used by replay-bug for "capture:PATH").</summary>
    public static CaptureExplorationScenario? TryLoad(string scenarioName)
    {
        if (!scenarioName.StartsWith(NamePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = scenarioName[NamePrefix.Length..];
        return new CaptureExplorationScenario(path, CaptureReader.ReadFile(path));
    }

    public async Task RunAsync(SimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gates = new CausalGates();
        var observer = new ExplorationObserver(context, gates);
        var mailboxes = SimulationMailboxFactory.Instance;
        var inbox = mailboxes.Create<SessionEvent>(new MailboxOptions("capture-inbox", 256));
        var effects = mailboxes.Create<ImmutableArray<SessionCommand>>(new MailboxOptions("capture-effects", 256));
        var loop = new ActorLoop<SessionState, SessionEvent, SessionCommand>(_capture.Header.Initial.ToState(), new SessionReducer(), inbox, effects, observer);
        var running = loop.RunAsync();
        var draining = Task.Run(async () =>
        {
            while (await effects.WaitToReceiveAsync().ConfigureAwait(false))
            {
                while (effects.TryReceive(out _))
                {
                }
            }
        });

        var sources = _capture.Inputs
            .GroupBy(r => r.Source, StringComparer.Ordinal)
            .Select(g => Task.Run(() => FeedAsync(g.Key, [.. g], inbox, gates, context)))
            .ToList();

        // Until every source is done: when nothing moves and every unfinished source waits on a gate that this
        // interleaving will never open, release them (their inputs do not apply here).
        while (sources.Any(s => !s.IsCompleted))
        {
            var before = (gates.Version, loop.Reductions);
            for (var i = 0; i < 8; i++)
            {
                await Task.Yield();
            }

            var unfinished = sources.Count(s => !s.IsCompleted);
            if (before == (gates.Version, loop.Reductions) && inbox.Count == 0 && unfinished > 0 && gates.Waiting >= unfinished)
            {
                gates.ReleaseAll();
            }
        }

        await Delight.Runtime.Actor.Awaits.AllAsync(sources).ConfigureAwait(false);
        inbox.Complete();
        await running.ConfigureAwait(false);
        await draining.ConfigureAwait(false);
    }

    private static async Task FeedAsync(string source, CaptureRecord[] inputs, IMailbox<SessionEvent> inbox, CausalGates gates, SimContext context)
    {
        foreach (var input in inputs)
        {
            if (CauseOf(input.Event!) is { } cause && !await gates.WaitAsync(cause).ConfigureAwait(false))
            {
                context.Log.Add(source, "skipped", $"#{input.Index}: {cause} never happened in this interleaving");
                return; // later inputs of this source depend on this one
            }

            context.Log.Add(source, "post", $"#{input.Index} {input.Event!.GetType().Name}");
            await inbox.PostAsync(input.Event!).ConfigureAwait(false);
        }
    }

    /// <summary>The command an input answers, by gate name; null when it answers none.</summary>
    internal static string? CauseOf(SessionEvent @event) => @event switch
    {
        RunnerReady e => $"runner:{e.Generation}",
        RunnerExited e => $"runner:{e.Generation}",
        RunnerStopped e => $"runner:{e.Generation}",
        EngineWorking e => $"runner:{e.Generation}",
        EngineUiEvent e => $"runner:{e.Generation}",
        OutboundRecordReady e when e.Generation != 0 => $"runner:{e.Generation}",
        EngineSessionIdentified e => $"runner:{e.Generation}",
        EngineRolloutPath e => $"runner:{e.Generation}",
        PermissionAwaited e => $"runner:{e.Generation}",
        TimerFired e => $"timer:{e.Token}",
        PersistSucceeded e => $"persist:{e.Seq}",
        PersistVersionMismatch e => $"persist:{e.Seq}",
        PersistFailed e => $"persist:{e.Seq}",
        AgentDeliveryFailed e => $"send:{e.Message.Seq}",
        _ => null,
    };

    private sealed class ExplorationObserver(SimContext context, CausalGates gates) : IActorObserver<SessionState, SessionEvent, SessionCommand>
    {
        private readonly ReplayInvariants _invariants = new();

        public void OnTransition(SessionState previous, SessionEvent @event, SessionState next, ReadOnlySpan<SessionCommand> commands)
        {
            context.Log.Add("cli", "reduce", $"{@event.GetType().Name} -> {next.Fsm}");
            if (_invariants.Check(previous, @event, next, commands) is { } violation)
            {
                context.Invariants.Fail(violation.Invariant, violation.Detail);
            }

            foreach (var command in commands)
            {
                switch (command)
                {
                    case StartRunner c:
                        gates.Open($"runner:{c.Generation}");
                        break;
                    case ArmTimer c:
                        gates.Open($"timer:{c.Token}");
                        break;
                    case PersistAgentState c:
                        gates.Open($"persist:{c.Seq}");
                        break;
                    case SendToAgent c:
                        gates.Open($"send:{c.Message.Seq}");
                        break;
                    case InjectToAgent c:
                        gates.Open($"send:{c.Message.Seq}");
                        break;
                }
            }
        }
    }
}

using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Runtime.Actor;
using Delight.Runtime.Capture;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;

namespace Delight.Sim.Replay;

/// <summary>
/// Replays a capture through the runtime: the recorded inputs are posted, in order, into a SessionRuntime loop (the
/// real <see cref="SessionReducer"/> on an <see cref="ActorLoop{TState,TEvent,TCommand}"/>), with no real waiting —
/// time travels inside the events. Every command the runtime emits is compared with the recorded one; the first
/// divergence is reported with the records before it, expected against actual, and the state fields that differ.
/// Effects are not executed: their results are recorded inputs. The safety invariants are checked along the way.
/// </summary>
public static class CaptureReplayer
{
    private const int PrecedingRecords = 6;

    public static async Task<ReplayReport> ReplayAsync(CaptureFile capture, string name, IMailboxFactory? mailboxes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capture);
        mailboxes ??= SimulationMailboxFactory.Instance;
        var steps = Group(capture);
        var observer = new ReplayObserver(capture, steps);
        var inbox = mailboxes.Create<SessionEvent>(new MailboxOptions("replay-inbox", 1024));
        var effects = mailboxes.Create<ImmutableArray<SessionCommand>>(new MailboxOptions("replay-effects", 1024));
        var loop = new ActorLoop<SessionState, SessionEvent, SessionCommand>(capture.Header.Initial.ToState(), new SessionReducer(), inbox, effects, observer);
        var running = loop.RunAsync(cancellationToken);
        var draining = DrainAsync(effects, cancellationToken);
        foreach (var step in steps)
        {
            if (observer.Stopped)
            {
                break;
            }

            await inbox.PostAsync(step.Input.Event!, cancellationToken).ConfigureAwait(false);
        }

        inbox.Complete();
        await running.ConfigureAwait(false);
        await draining.ConfigureAwait(false);
        return new ReplayReport(name, observer.Reduced, observer.Compared, observer.Divergence, observer.Violation);
    }

    public static ReplayReport Replay(CaptureFile capture, string name) =>
        ReplayAsync(capture, name, SimulationMailboxFactory.Instance).GetAwaiter().GetResult();

    private static async Task DrainAsync(IMailbox<ImmutableArray<SessionCommand>> effects, CancellationToken cancellationToken)
    {
        while (await effects.WaitToReceiveAsync(cancellationToken).ConfigureAwait(false))
        {
            while (effects.TryReceive(out _))
            {
            }
        }
    }

    internal sealed record Step(CaptureRecord Input, ImmutableArray<CaptureRecord> Outputs);

    internal static ImmutableArray<Step> Group(CaptureFile capture)
    {
        var steps = ImmutableArray.CreateBuilder<Step>();
        CaptureRecord? input = null;
        var outputs = ImmutableArray.CreateBuilder<CaptureRecord>();
        foreach (var record in capture.Records)
        {
            if (record.Dir == CaptureDirection.In)
            {
                if (input is not null)
                {
                    steps.Add(new Step(input, outputs.ToImmutable()));
                }

                input = record;
                outputs.Clear();
            }
            else if (input is null)
            {
                throw new CaptureFormatException((int)record.Index, "dir", "an output record comes before any input");
            }
            else
            {
                outputs.Add(record);
            }
        }

        if (input is not null)
        {
            steps.Add(new Step(input, outputs.ToImmutable()));
        }

        return steps.ToImmutable();
    }

    private sealed class ReplayObserver(CaptureFile capture, ImmutableArray<Step> steps) : IActorObserver<SessionState, SessionEvent, SessionCommand>
    {
        private readonly StructuralComparer _comparer = new();
        private readonly ReplayInvariants _invariants = new();

        public int Reduced { get; private set; }

        public int Compared { get; private set; }

        public ReplayDivergence? Divergence { get; private set; }

        public ReplayViolation? Violation { get; private set; }

        public bool Stopped => Divergence is not null || Violation is not null;

        public void OnTransition(SessionState previous, SessionEvent @event, SessionState next, ReadOnlySpan<SessionCommand> commands)
        {
            if (Stopped || Reduced >= steps.Length)
            {
                return;
            }

            var step = steps[Reduced++];
            var violation = _invariants.Check(previous, @event, next, commands);
            if (violation is { } v)
            {
                Violation = new ReplayViolation(step.Input.Index, v.Invariant, v.Detail);
            }

            var actual = commands.ToArray().Select(c => JsonSerializer.SerializeToNode(c, CaptureFormat.Json)).ToArray();
            var expected = step.Outputs.Select(o => JsonSerializer.SerializeToNode(o.Command, CaptureFormat.Json)).ToArray();
            var difference = FirstDifference(expected, actual);
            var stateDifferences = step.Input.State is { } recorded ? recorded.DiffersFrom(StateDigest.Of(next)) : [];
            Compared += Math.Min(expected.Length, actual.Length);
            if (difference is null && stateDifferences.Count == 0)
            {
                return;
            }

            Divergence = new ReplayDivergence(
                step.Input.Index,
                [.. Preceding(step.Input.Index)],
                JsonSerializer.Serialize(step.Input.Event, CaptureFormat.Json),
                [.. expected.Select(e => e?.ToJsonString() ?? "null")],
                [.. actual.Select(a => a?.ToJsonString() ?? "null")],
                difference,
                [.. stateDifferences]);
        }

        private string? FirstDifference(JsonNode?[] expected, JsonNode?[] actual)
        {
            for (var i = 0; i < Math.Min(expected.Length, actual.Length); i++)
            {
                var path = _comparer.FirstDifference(expected[i], actual[i]);
                if (path is not null)
                {
                    return $"command {i + 1} at {path}";
                }
            }

            return expected.Length == actual.Length ? null : $"{expected.Length} command(s) recorded, {actual.Length} emitted";
        }

        private IEnumerable<string> Preceding(long index) => capture.Records
            .Where(r => r.Index < index)
            .TakeLast(PrecedingRecords)
            .Select(Summary);

        private static string Summary(CaptureRecord record)
        {
            var payload = record.Dir == CaptureDirection.In
                ? JsonSerializer.Serialize(record.Event, CaptureFormat.Json)
                : JsonSerializer.Serialize(record.Command, CaptureFormat.Json);
            return $"#{record.Index} {record.AtMs}ms {record.Dir.ToString().ToLowerInvariant()} {record.Source}: {payload}";
        }
    }
}

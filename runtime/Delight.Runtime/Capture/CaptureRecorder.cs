using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Capture.Sanitizing;
using Delight.Runtime.Session;

namespace Delight.Runtime.Capture;

/// <summary>
/// Records a running SessionRuntime at its own boundary: every event the loop reduced (already typed and decrypted)
/// and every command the reducer emitted (before encryption), with virtual time, source and correlation. Plug it in
/// as the loop's <see cref="IActorObserver{TState,TEvent,TCommand}"/>. Records are kept in memory (the observer runs
/// on the loop and must not block) and written, sanitized, by <see cref="WriteTo"/>.
/// </summary>
public sealed class CaptureRecorder : IActorObserver<SessionState, SessionEvent, SessionCommand>
{
    private readonly object _gate = new();
    private readonly List<CaptureRecord> _records = [];
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _origin;
    private readonly CaptureInitialState _initial;
    private readonly string _producer;
    private long _index;

    public CaptureRecorder(CaptureInitialState initial, TimeProvider clock, string producer)
    {
        _initial = initial ?? throw new ArgumentNullException(nameof(initial));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _producer = producer ?? throw new ArgumentNullException(nameof(producer));
        _origin = clock.GetUtcNow();
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    public void OnTransition(SessionState previous, SessionEvent @event, SessionState next, ReadOnlySpan<SessionCommand> commands)
    {
        var atMs = (long)(_clock.GetUtcNow() - _origin).TotalMilliseconds;
        lock (_gate)
        {
            _records.Add(new CaptureRecord(++_index, atMs, CaptureDirection.In, CaptureProvenance.SourceOf(@event), CaptureProvenance.CorrelationOf(@event), Event: @event, State: StateDigest.Of(next)));
            foreach (var command in commands)
            {
                _records.Add(new CaptureRecord(++_index, atMs, CaptureDirection.Out, CaptureProvenance.Reducer, CaptureProvenance.CorrelationOf(command), Command: command));
            }
        }
    }

    /// <summary>The capture so far, unsanitized (for in-process replay and tests).</summary>
    public CaptureFile Snapshot()
    {
        lock (_gate)
        {
            return new CaptureFile(Header(ImmutableSortedDictionary<string, int>.Empty), [.. _records]);
        }
    }

    /// <summary>Writes the capture, sanitized as it is written; the header lists the pseudonyms introduced.</summary>
    public void WriteTo(TextWriter output)
    {
        var snapshot = Snapshot();
        var sanitizer = new CaptureSanitizer();
        var body = new StringWriter();
        var writer = new CaptureWriter(body, sanitizer);
        foreach (var record in snapshot.Records)
        {
            writer.WriteRecord(record);
        }

        // The header is sanitized with the same sanitizer (its ids map to the same pseudonyms) and counts them all.
        var headerText = new StringWriter();
        new CaptureWriter(headerText, sanitizer).WriteHeader(snapshot.Header);
        var withCounts = snapshot.Header with { Pseudonyms = sanitizer.Counters.ToImmutableSortedDictionary(StringComparer.Ordinal) };
        new CaptureWriter(output, sanitizer).WriteHeader(withCounts);
        output.Write(body.ToString());
    }

    private CaptureHeader Header(ImmutableSortedDictionary<string, int> pseudonyms) => new(
        CaptureFormat.Name,
        CaptureFormat.Version,
        CaptureFormat.RuntimeVersion,
        _origin.ToUnixTimeMilliseconds(),
        0,
        _producer,
        pseudonyms,
        _initial);
}

using System.Collections.Immutable;

namespace Delight.Runtime.Sdk;

/// <summary>
/// A session's applied-messages view: a message is applied exactly once and only when every lower seq has been
/// applied, whatever the network duplicates or reorders. Messages above a gap wait until the gap is filled (by a
/// late update or by <see cref="DelightClient.GetMessagesAsync"/>). Immutable: every offer returns a new log.
/// </summary>
public sealed record AppliedMessageLog(ImmutableList<AppliedMessage> Applied, ImmutableSortedDictionary<long, AppliedMessage> Waiting)
{
    public static AppliedMessageLog Empty { get; } = new([], ImmutableSortedDictionary<long, AppliedMessage>.Empty);

    /// <summary>The highest seq applied (every seq from 1 to it is applied).</summary>
    public long AppliedThrough => Applied.IsEmpty ? 0 : Applied[^1].Seq;

    /// <summary>Offers a message; returns the new log and the messages newly applied, in seq order (none for a
    /// duplicate or for a message above a gap).</summary>
    public (AppliedMessageLog Log, ImmutableArray<AppliedMessage> NewlyApplied) Offer(AppliedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Seq <= AppliedThrough || Waiting.ContainsKey(message.Seq))
        {
            return (this, []);
        }

        var waiting = Waiting.Add(message.Seq, message);
        var applied = Applied;
        var next = AppliedThrough + 1;
        var newly = ImmutableArray.CreateBuilder<AppliedMessage>();
        while (waiting.TryGetValue(next, out var ready))
        {
            applied = applied.Add(ready);
            waiting = waiting.Remove(next);
            newly.Add(ready);
            next++;
        }

        return (new AppliedMessageLog(applied, waiting), newly.ToImmutable());
    }
}

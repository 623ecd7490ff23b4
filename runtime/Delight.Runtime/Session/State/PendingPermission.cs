using System.Collections.Immutable;

namespace Delight.Runtime.Session;

/// <summary>The engine-side waiters of one prompt: every decision id awaiting it (a duplicate await adds one instead of
/// orphaning the first), the runner generation that asked, and the token of its timeout timer.</summary>
public sealed record PendingPermission(string RequestId, long Generation, ImmutableList<long> DecisionIds, long TimeoutToken)
{
    public string TimerName => SessionTimers.PermissionTimeout(RequestId);
}

using Microsoft.Coyote.Specifications;
using Monitor = Microsoft.Coyote.Specifications.Monitor;

namespace Delight.Sim.Invariants.Liveness;

/// <summary>Something is now owed (a sent message, an open permission request, a pending switch).</summary>
public sealed class ObligationOpened(string key) : Monitor.Event
{
    public string Key { get; } = key;
}

/// <summary>The obligation was met (delivered, resolved, replied) or explicitly failed with a report.</summary>
public sealed class ObligationClosed(string key) : Monitor.Event
{
    public string Key { get; } = key;
}

using Microsoft.Coyote.Specifications;
using Monitor = Microsoft.Coyote.Specifications.Monitor;

namespace Delight.Sim.Invariants.Liveness;

/// <summary>Liveness: A permission request is eventually resolved (decided, denied on timeout, or withdrawn). Hot while anything is owed, cold when nothing is.
/// Coyote flags a run that ends, or stays too long, in the hot state.</summary>
public sealed class PermissionResolvedMonitor : Monitor
{
    public const string InvariantName = InvariantNames.PermissionEventuallyResolved;

    private readonly HashSet<string> _owed = [];

    [Start]
    [Cold]
    [OnEventDoAction(typeof(ObligationOpened), nameof(Open))]
    [OnEventDoAction(typeof(ObligationClosed), nameof(Close))]
    private sealed class NothingOwed : State
    {
    }

    [Hot]
    [OnEventDoAction(typeof(ObligationOpened), nameof(Open))]
    [OnEventDoAction(typeof(ObligationClosed), nameof(Close))]
    private sealed class Owed : State
    {
    }

    private void Open(Event e)
    {
        _owed.Add(((ObligationOpened)e).Key);
        RaiseGotoStateEvent<Owed>();
    }

    private void Close(Event e)
    {
        _owed.Remove(((ObligationClosed)e).Key);
        if (_owed.Count == 0)
        {
            RaiseGotoStateEvent<NothingOwed>();
        }
    }
}

using Microsoft.Coyote.Specifications;
using Monitor = Microsoft.Coyote.Specifications.Monitor;

namespace Delight.Sim.Invariants.Liveness;

/// <summary>Liveness: A message the phone sent is eventually delivered to the agent or reported failed. Hot while anything is owed, cold when nothing is.
/// Coyote flags a run that ends, or stays too long, in the hot state.</summary>
public sealed class MessageSettledMonitor : Monitor
{
    public const string InvariantName = InvariantNames.MessageEventuallySettled;

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

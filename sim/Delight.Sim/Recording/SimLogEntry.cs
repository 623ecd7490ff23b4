namespace Delight.Sim.Recording;

/// <summary>One line of the event log: who (a runtime, the network, the clock, a fake) did what, at which virtual
/// time. Contains only deterministic data, so its hash is a determinism check.</summary>
public sealed record SimLogEntry(int Step, TimeSpan At, string Actor, string Kind, string Detail)
{
    public override string ToString() => $"{Step,4} {At.TotalMilliseconds,9:0}ms {Actor,-8} {Kind,-22} {Detail}";
}

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>A knob the shrinker lowered, and whether the run still failed with it (kept) or not (given up).</summary>
public sealed record ShrinkChange(string Knob, SwarmKnobKind Kind, int From, int To, bool Kept, int? FailingIteration);

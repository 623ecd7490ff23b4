using Delight.Sim.Recording;

namespace Delight.Sim.Exploration;

/// <summary>What replaying a bug file produced, with the event log of the replayed iteration.</summary>
public sealed record ReplayOutcome(bool Reproduced, string? FailingInvariant, string? Message, IReadOnlyList<SimLogEntry> Log);

using Delight.Sim.Recording;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>One failing run the shrinker kept: the hunt iteration it was, Coyote's bug report and reproducible trace,
/// the trace's length in scheduling/value steps and the run's event log.</summary>
public sealed record ShrinkRun(int Iteration, string Message, string Trace, int Steps, IReadOnlyList<SimLogEntry> Log, string LogHash);

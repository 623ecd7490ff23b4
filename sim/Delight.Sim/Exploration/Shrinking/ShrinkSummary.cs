using System.Globalization;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>The before/after lines of a shrink, printed by <c>delight-sim shrink</c> and appended to the shrunk report.</summary>
public static class ShrinkSummary
{
    public static IReadOnlyList<string> Lines(ShrinkOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.Reproduced || outcome.Shrunk is null || outcome.Kept is null)
        {
            return [$"could not reproduce {outcome.FailingInvariant} with the recorded configuration pinned ({outcome.Runs} run(s))"];
        }

        var zeroed = outcome.KeptChanges.Where(c => c.Kind == SwarmKnobKind.Fault).Select(c => $"{c.Knob} {c.From} -> {c.To}").ToList();
        var reduced = outcome.KeptChanges.Where(c => c.Kind == SwarmKnobKind.Size).Select(c => $"{c.Knob} {c.From} -> {c.To}").ToList();
        var needed = SwarmKnobs.All
            .Where(k => k.Kind == SwarmKnobKind.Fault && k.IsActive(outcome.Shrunk))
            .Select(k => $"{k.Name} {k.Read(outcome.Shrunk).ToString(CultureInfo.InvariantCulture)}")
            .ToList();
        return
        [
            $"faults on: {outcome.FaultsBefore} -> {outcome.FaultsAfter}",
            $"faults switched off: {(zeroed.Count == 0 ? "none" : string.Join(", ", zeroed))}",
            $"sizes reduced: {(reduced.Count == 0 ? "none" : string.Join(", ", reduced))}",
            $"faults the failure still needs: {(needed.Count == 0 ? "none" : string.Join(", ", needed))}",
            $"trace steps: {outcome.StepsBefore} -> {outcome.Kept.Steps} (kept run: iteration {outcome.Kept.Iteration})",
            $"log entries: {outcome.LogEntriesBefore?.ToString(CultureInfo.InvariantCulture) ?? "?"} -> {outcome.Kept.Log.Count}",
            $"candidates tried: {outcome.Tried.Count}, engine runs: {outcome.Runs}",
        ];
    }
}

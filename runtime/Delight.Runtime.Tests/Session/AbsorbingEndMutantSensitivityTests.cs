using Delight.Runtime.Mutants;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>The absorbing-end table can fail: with HEAD's missing terminal-state guard re-armed
/// (<see cref="Mutant.RunnerRestartedWhileClosing"/>), the rows that HEAD lets through produce a different outcome.</summary>
[TestFixture]
[NonParallelizable]
public sealed class AbsorbingEndMutantSensitivityTests
{
    private static string Outcome(ReducerRow row)
    {
        var t = Reduce(row.Given, row.When);
        return SessionJson.Canonical(t.State) + SessionJson.Canonical(t.Commands.ToArray());
    }

    [NUnit.Framework.Test]
    public void The_rows_HEAD_lets_through_change_outcome_when_the_guard_is_removed()
    {
        var rows = AbsorbingEndReducerTableTests.RowList();
        var fixedOutcomes = rows.ToDictionary(r => r.Name, Outcome);
        Dictionary<string, string> mutantOutcomes;
        using (MutantSwitches.Arm(Mutant.RunnerRestartedWhileClosing))
        {
            mutantOutcomes = rows.ToDictionary(r => r.Name, Outcome);
        }

        var changed = rows.Where(r => fixedOutcomes[r.Name] != mutantOutcomes[r.Name]).Select(r => r.Name).ToList();
        Assert.That(changed, Is.SupersetOf(new[]
        {
            "SwitchL_in_Closed_after_shutdown_gets_ErrClosed",
            "DesktopTakeback_in_Closing_restarts_nothing",
            "Inbound_in_Closed_after_shutdown_is_reported_not_buffered",
            "Inbound_after_the_local_runner_exited_restarts_nothing",
            "SwitchR_after_the_local_runner_exited_gets_ErrClosed",
        }));
    }
}

using Delight.Runtime.Mutants;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;

namespace Delight.Sim.Cli.Tests.Explore;

/// <summary>
/// A cheap toy scenario for the hunt plumbing: one draw from Coyote's generator (so the seed decides it and the trace
/// replays it), logged; when armed as buggy for the current mutant, a roll of 0 breaks the invariant "toy-dice".
/// No tasks, no locks: this assembly is not rewritten by Coyote, and a draw needs no rewriting.
/// </summary>
internal sealed class DiceToy(string name, int sides, Func<Mutant, bool> buggy) : IScenario
{
    public const string Invariant = "toy-dice";

    public string Name => name;

    public string Description => $"rolls a {sides}-sided die; a 0 is a bug when armed";

    public IReadOnlyList<string> Invariants => [Invariant];

    public SwarmProfile Profile => SwarmProfile.None;

    public Task RunAsync(SimContext context)
    {
        var roll = context.Random.NextInt(sides);
        context.Log.Add("toy", "roll", roll.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (buggy(context.Mutant))
        {
            context.Invariants.Check(roll != 0, Invariant, $"rolled {roll}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Always buggy (a roll of 0 out of <paramref name="sides"/>).</summary>
    public static DiceToy Buggy(string name = "toy-dice", int sides = 4) => new(name, sides, _ => true);
}

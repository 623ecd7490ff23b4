using Delight.Runtime.Mutants;
using Delight.Scenarios;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>
/// The scenarios and mutant→scenario map `explore` hunts with. The default is the real catalogs; tests pass toy
/// scenarios so the command's table, files and exit codes are checked quickly and deterministically.
/// </summary>
internal sealed record HuntCatalog(IReadOnlyList<IScenario> Scenarios, IReadOnlyList<MutantCatalog.Entry> Mutants)
{
    /// <summary>The mutant-mode default: the budget, every mutant found within it.</summary>
    public const int DefaultMutantIterations = 300;

    public static HuntCatalog Default { get; } = new([.. ScenarioCatalog.All], MutantCatalog.All);

    /// <summary>By exact name, else by prefix ("s1" finds "s1-two-quick-messages").</summary>
    public IScenario? Find(string name) =>
        Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? Scenarios.FirstOrDefault(s => s.Name.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase));

    public MutantCatalog.Entry? FindMutant(Mutant mutant) => Mutants.FirstOrDefault(e => e.Mutant == mutant);

    public static int DefaultIterations(IScenario scenario) =>
        scenario is Delight.Scenarios.Scenarios.Scenario s ? (int)s.DefaultIterations : 100;
}

using Delight.Runtime.Mutants;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Mutants;

/// <summary>Every seeded mutant names at least one scenario that exists, so `explore --mutant all` hunts them all.</summary>
[TestFixture]
public sealed class MutantCatalogTests
{
    [NUnit.Framework.Test]
    public void EveryMutantHasAtLeastOneExistingScenario()
    {
        var names = ScenarioCatalog.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var mutant in Enum.GetValues<Mutant>().Where(m => m != Mutant.None))
        {
            var scenarios = MutantCatalog.ScenariosFor(mutant);
            Assert.That(scenarios, Is.Not.Empty, $"{mutant} names no scenario");
            foreach (var scenario in scenarios)
            {
                Assert.That(names, Does.Contain(scenario), $"{mutant} names '{scenario}', which is not in ScenarioCatalog (exact name)");
            }
        }
    }

    [NUnit.Framework.Test]
    public void TheCatalogListsEachMutantOnceInEnumOrderAndSaysWhy()
    {
        Assert.That(MutantCatalog.All.Select(e => e.Mutant), Is.EqualTo(Enum.GetValues<Mutant>().Where(m => m != Mutant.None)));
        Assert.That(MutantCatalog.All.Select(e => e.Mutant), Does.Not.Contain(Mutant.None));
        foreach (var entry in MutantCatalog.All)
        {
            Assert.That(entry.Why, Is.Not.Empty, entry.Mutant.ToString());
            Assert.That(entry.Scenarios, Is.Unique, entry.Mutant.ToString());
        }

        Assert.That(MutantCatalog.ScenariosFor(Mutant.None), Is.Empty);
    }
}

using BenchmarkDotNet.Attributes;
using Delight.Scenarios;
using Delight.Sim.Exploration;

namespace Delight.Benchmarks.Exploration;

/// <summary>
/// Coyote iterations per second exploring scenario S1 (two quick messages) with the random strategy, in process,
/// on the rewritten assemblies of this project's output. One invocation explores <see cref="IterationsPerInvoke"/>
/// iterations from a fixed seed. Reported, not gated: there is no raw baseline for an exploration.
/// </summary>
/// <remarks>One S1 iteration takes on the order of a second on a loaded 2-core machine, so the job is fixed short
/// (one warmup, five measured invocations) in every mode instead of BenchmarkDotNet's adaptive default.</remarks>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1)]
public class ExplorationBenchmarks
{
    public const int IterationsPerInvoke = 5;

    private IScenario _s1 = null!;
    private string _out = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _s1 = ScenarioCatalog.Find("s1") ?? throw new InvalidOperationException("scenario S1 is not in the catalog");
        _out = Directory.CreateTempSubdirectory("delight-bench-explore-").FullName;
    }

    [Benchmark(OperationsPerInvoke = IterationsPerInvoke)]
    public int ExploreS1()
    {
        var outcome = Explorer.Explore(_s1, new ExploreOptions(IterationsPerInvoke, Seed: 1, Strategy.Random, _out));
        if (outcome.BugFound)
        {
            throw new InvalidOperationException($"S1 found a bug during the benchmark: {outcome.FailingInvariant}");
        }

        return outcome.IterationsRun;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_out, recursive: true);
}

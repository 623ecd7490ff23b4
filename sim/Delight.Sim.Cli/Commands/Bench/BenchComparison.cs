using System.Collections.Immutable;

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>The gate's verdict on a results file against a baseline file.</summary>
public sealed record BenchComparison(
    BenchMachine BaselineMachine,
    BenchMachine ResultsMachine,
    double Threshold,
    ImmutableArray<BenchComparisonRow> Rows)
{
    public bool HasRegression => Rows.Any(r => r.Verdict is BenchVerdict.Regression or BenchVerdict.FailedToRun);

    public int Count(BenchVerdict verdict) => Rows.Count(r => r.Verdict == verdict);
}

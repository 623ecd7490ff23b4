namespace Delight.Benchmarks.Infrastructure;

/// <summary>How long each benchmark runs.</summary>
public enum BenchMode
{
    /// <summary>BenchmarkDotNet's default job: the figures for the baseline and the gate (quiet machine).</summary>
    Full,

    /// <summary>ShortRun (3 warmups, 3 iterations): rough figures while developing.</summary>
    Short,

    /// <summary>One cold iteration per benchmark: proves every benchmark runs (CI). Figures are noise.</summary>
    Quick,
}

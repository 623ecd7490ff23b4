using Delight.Sim.Cli.Commands.Bench;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Bench;

/// <summary>
/// The gate on real, recorded BenchmarkDotNet exports of the loop suite: loop-normal.json is a run of
/// `Delight.Benchmarks --short --filter *LoopThroughput*`, loop-slowed.json the same run with `--slowed-loop`
/// (the loop's reducer spins per event), both joined with `delight-sim bench join`. Recorded on a shared 2-core
/// machine under heavy load, so individual figures are noisy; the slowed loop still worsens most ratios far beyond 10 %.
/// </summary>
public sealed class SlowedLoopGateTests
{
    private static string Data(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Bench", "TestData", name);

    [NUnit.Framework.Test]
    public void The_gate_catches_the_deliberately_slowed_loop()
    {
        using var output = new StringWriter();
        var exit = BenchCommand.Compare(Data("loop-normal.json"), Data("loop-slowed.json"), BenchComparer.DefaultThreshold, output, TextWriter.Null);

        Assert.That(exit, Is.EqualTo(BenchCommand.ExitRegression), output.ToString());
        var comparison = BenchComparer.Compare(
            BenchResultsReader.Load(Data("loop-normal.json")), BenchResultsReader.Load(Data("loop-slowed.json")), BenchComparer.DefaultThreshold);
        var regressed = comparison.Rows.Where(r => r.Verdict == BenchVerdict.Regression).Select(r => $"{r.Group} {r.Method}").ToList();
        Assert.That(regressed, Has.Member("Delight.Benchmarks.Loop.LoopThroughputBenchmarks [Producers=4] LoopNoOp"));
        Assert.That(regressed, Has.Member("Delight.Benchmarks.Loop.LoopThroughputBenchmarks [Producers=1] LoopOneCommand"));
        Assert.That(comparison.Rows.Where(r => r.Method == "RawChannel").Select(r => r.Verdict), Is.All.EqualTo(BenchVerdict.Baseline));
    }

    [NUnit.Framework.Test]
    public void A_run_compared_with_itself_passes()
    {
        using var output = new StringWriter();
        Assert.That(BenchCommand.Compare(Data("loop-normal.json"), Data("loop-normal.json"), BenchComparer.DefaultThreshold, output, TextWriter.Null),
            Is.EqualTo(BenchCommand.ExitOk), output.ToString());
    }

    [NUnit.Framework.Test]
    public void The_recorded_files_carry_the_machine_they_came_from()
    {
        var normal = BenchResultsReader.Load(Data("loop-normal.json"));
        Assert.That(normal.Machine.Environment?.LogicalCoreCount, Is.EqualTo(2));
        Assert.That(normal.Machine.Note, Does.Contain("heavy load"));
        Assert.That(normal.Exports.Single().Benchmarks, Has.Length.EqualTo(8));
    }
}

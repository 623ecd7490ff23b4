using Delight.Sim.Cli.Commands.Bench;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Bench;

public sealed class BenchCompareTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "delight-bench-compare-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Export(string name, Action<ExportBuilder> fill, string type = "LoopThroughputBenchmarks", string? parameters = "Producers=1")
    {
        var builder = new ExportBuilder(type, parameters);
        fill(builder);
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, builder.Build().ToJsonString());
        return path;
    }

    private static (int Exit, string Out, string Err) Compare(string baseline, string results, double threshold = BenchComparer.DefaultThreshold)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = BenchCommand.Compare(baseline, results, threshold, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [NUnit.Framework.Test]
    public void Identical_results_pass()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var (exit, output, _) = Compare(baseline, baseline);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitOk));
        Assert.That(output, Does.Contain("LoopNoOp").And.Contain("1.200").And.Contain("1 ok, 0 regressed"));
    }

    [NUnit.Framework.Test]
    public void A_slower_machine_with_the_same_ratios_passes()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var results = Export("results", b => b.Add("RawChannel", 300).Add("LoopNoOp", 360));
        Assert.That(Compare(baseline, results).Exit, Is.EqualTo(BenchCommand.ExitOk));
    }

    [NUnit.Framework.Test]
    public void A_ratio_worse_by_more_than_the_threshold_is_a_regression()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var results = Export("results", b => b.Add("RawChannel", 100).Add("LoopNoOp", 150));
        var (exit, output, _) = Compare(baseline, results);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitRegression));
        Assert.That(output, Does.Contain("REGRESSION").And.Contain("+25.0%"));
    }

    [NUnit.Framework.Test]
    public void A_change_within_the_threshold_passes_and_a_tighter_threshold_catches_it()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var results = Export("results", b => b.Add("RawChannel", 100).Add("LoopNoOp", 126));
        Assert.That(Compare(baseline, results).Exit, Is.EqualTo(BenchCommand.ExitOk));
        Assert.That(Compare(baseline, results, threshold: 0.01).Exit, Is.EqualTo(BenchCommand.ExitRegression));
    }

    [NUnit.Framework.Test]
    public void A_faster_baseline_alone_counts_against_the_benchmark()
    {
        // The loop's own time did not change, but the raw channel got twice as fast: the ratio doubled.
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var results = Export("results", b => b.Add("RawChannel", 50).Add("LoopNoOp", 120));
        Assert.That(Compare(baseline, results).Exit, Is.EqualTo(BenchCommand.ExitRegression));
    }

    [NUnit.Framework.Test]
    public void More_allocation_per_operation_is_a_regression()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100, bytes: 0).Add("LoopNoOp", 120, bytes: 0));
        var results = Export("results", b => b.Add("RawChannel", 100, bytes: 0).Add("LoopNoOp", 120, bytes: 64));
        var (exit, output, _) = Compare(baseline, results);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitRegression));
        Assert.That(output, Does.Contain("allocation grew from 0 B to 64 B"));
    }

    [NUnit.Framework.Test]
    public void A_benchmark_that_failed_to_run_is_a_regression()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var results = Export("results", b => b.Add("RawChannel", 100).Add("LoopNoOp", null));
        var (exit, output, _) = Compare(baseline, results);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitRegression));
        Assert.That(output, Does.Contain("FAILED TO RUN"));
    }

    [NUnit.Framework.Test]
    public void A_group_without_an_in_run_baseline_is_reported_not_gated()
    {
        var baseline = Export("baseline", b => b.Add("IterationsS1", 1000), type: "ExplorationBenchmarks", parameters: null);
        var results = Export("results", b => b.Add("IterationsS1", 5000), type: "ExplorationBenchmarks", parameters: null);
        var (exit, output, _) = Compare(baseline, results);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitOk));
        Assert.That(output, Does.Contain("not gated"));
    }

    [NUnit.Framework.Test]
    public void Parameters_form_separate_groups()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120), parameters: "Producers=4");
        var oneProducer = Export("one", b => b.Add("RawChannel", 100).Add("LoopNoOp", 500), parameters: "Producers=1");
        // Nothing in common: a different parameter set is a different benchmark.
        Assert.That(Compare(baseline, oneProducer).Exit, Is.EqualTo(BenchCommand.ExitUnreadable));
    }

    [NUnit.Framework.Test]
    public void Missing_and_new_benchmarks_are_reported_without_failing()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120).Add("LoopOneCommand", 200));
        var results = Export("results", b => b.Add("RawChannel", 100).Add("LoopNoOp", 121).Add("LoopSessionReducer", 400));
        var (exit, output, _) = Compare(baseline, results);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitOk));
        Assert.That(output, Does.Contain("1 missing, 1 new"));
    }

    [NUnit.Framework.Test]
    public void A_results_directory_of_exports_is_read_directly()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var runDir = Path.Combine(_dir, "run");
        new ExportBuilder("LoopThroughputBenchmarks", "Producers=1").Add("RawChannel", 100).Add("LoopNoOp", 200).Write(runDir);
        Assert.That(Compare(baseline, runDir).Exit, Is.EqualTo(BenchCommand.ExitRegression));
    }

    [NUnit.Framework.Test]
    public void A_missing_file_exits_2()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100));
        var (exit, _, error) = Compare(baseline, Path.Combine(_dir, "nope.json"));
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitUnreadable));
        Assert.That(error, Does.Contain("no such file"));
    }

    [NUnit.Framework.TestCase("not json at all", "not valid JSON")]
    [NUnit.Framework.TestCase("[1, 2]", "not a JSON object")]
    [NUnit.Framework.TestCase("{\"Title\": \"x\"}", "'Benchmarks' array")]
    [NUnit.Framework.TestCase("{\"Benchmarks\": [{\"Type\": \"T\"}]}", "no Type, Method or FullName")]
    [NUnit.Framework.TestCase("{\"Benchmarks\": 7}", "not a BenchmarkDotNet export")]
    [NUnit.Framework.TestCase("{\"Format\": \"something-else/9\", \"Machine\": {\"HostName\": \"h\"}, \"Exports\": []}", "unknown format")]
    [NUnit.Framework.TestCase("{\"Format\": \"delight-bench-joined/1\"}", "needs 'Machine' and 'Exports'")]
    public void Unreadable_input_exits_2_with_a_clear_reason(string content, string reason)
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100));
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, content);
        var (exit, output, error) = Compare(baseline, bad);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitUnreadable));
        Assert.That(error, Does.Contain(reason));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(output, Is.Empty);
    }

    [NUnit.Framework.Test]
    public void A_negative_threshold_exits_2()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100));
        Assert.That(Compare(baseline, baseline, threshold: -0.5).Exit, Is.EqualTo(BenchCommand.ExitUnreadable));
    }

    [NUnit.Framework.Test]
    public void The_command_line_wires_compare_and_its_threshold()
    {
        var baseline = Export("baseline", b => b.Add("RawChannel", 100).Add("LoopNoOp", 120));
        var results = Export("results", b => b.Add("RawChannel", 100).Add("LoopNoOp", 126));
        var root = Program.BuildRoot();
        Assert.That(root.Parse(["bench", "compare", baseline, results]).Invoke(), Is.EqualTo(0));
        Assert.That(root.Parse(["bench", "compare", baseline, results, "--threshold", "0.01"]).Invoke(), Is.EqualTo(1));
        Assert.That(root.Parse(["bench", "compare", baseline, Path.Combine(_dir, "none.json")]).Invoke(), Is.EqualTo(2));
    }
}

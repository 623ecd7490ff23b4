using System.Text.Json.Nodes;
using Delight.Sim.Cli.Commands.Bench;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Bench;

public sealed class BenchJoinTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "delight-bench-join-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [NUnit.Framework.Test]
    public void Join_keeps_every_export_verbatim_and_records_the_machine()
    {
        var run = Path.Combine(_dir, "results");
        new ExportBuilder("LoopThroughputBenchmarks", "Producers=1").Add("RawChannel", 100).Add("LoopNoOp", 120).Write(run);
        new ExportBuilder("InboxBenchmarks", "Producers=1").Add("RawChannel", 90).Add("ProductionInbox", 95).Write(run);
        File.WriteAllText(Path.Combine(run, "something-report-github.md"), "| not an export |");
        var joinedPath = Path.Combine(_dir, "joined.json");

        var count = BenchJoiner.Join(run, joinedPath, "bench-host", "shared machine");

        Assert.That(count, Is.EqualTo(2));
        var joined = BenchResultsReader.Load(joinedPath);
        Assert.That(joined.Format, Is.EqualTo(JoinedBenchmarkResults.CurrentFormat));
        Assert.That(joined.Machine.HostName, Is.EqualTo("bench-host"));
        Assert.That(joined.Machine.Note, Is.EqualTo("shared machine"));
        Assert.That(joined.Machine.Environment?.ProcessorName, Is.EqualTo("Test CPU"));
        Assert.That(joined.Exports.SelectMany(e => e.Benchmarks).Select(b => b.Method),
            Is.EquivalentTo(new[] { "RawChannel", "LoopNoOp", "RawChannel", "ProductionInbox" }));

        // Fields the typed records do not read (measurements, kurtosis) survive the join.
        var raw = JsonNode.Parse(File.ReadAllText(joinedPath))!;
        var firstBenchmark = raw["Exports"]![0]!["Benchmarks"]![0]!;
        Assert.That(firstBenchmark["Measurements"], Is.Not.Null);
        Assert.That(firstBenchmark["Statistics"]!["Kurtosis"]!.GetValue<double>(), Is.EqualTo(2.5));
    }

    [NUnit.Framework.Test]
    public void A_joined_file_compares_against_itself_cleanly()
    {
        var run = Path.Combine(_dir, "results");
        new ExportBuilder("LoopThroughputBenchmarks", "Producers=1").Add("RawChannel", 100).Add("LoopNoOp", 120).Write(run);
        var joinedPath = Path.Combine(_dir, "joined.json");
        BenchJoiner.Join(run, joinedPath, "h", null);
        using var output = new StringWriter();
        Assert.That(BenchCommand.Compare(joinedPath, joinedPath, 0.1, output, TextWriter.Null), Is.EqualTo(BenchCommand.ExitOk));
    }

    [NUnit.Framework.Test]
    public void Join_of_a_directory_without_exports_exits_2()
    {
        using var error = new StringWriter();
        var exit = BenchCommand.Join(_dir, Path.Combine(_dir, "out.json"), null, TextWriter.Null, error);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitUnreadable));
        Assert.That(error.ToString(), Does.Contain("no BenchmarkDotNet full exports"));
        Assert.That(File.Exists(Path.Combine(_dir, "out.json")), Is.False);
    }

    [NUnit.Framework.Test]
    public void Join_of_a_broken_export_exits_2()
    {
        File.WriteAllText(Path.Combine(_dir, "x-report-full.json"), "{ broken");
        using var error = new StringWriter();
        var exit = BenchCommand.Join(_dir, Path.Combine(_dir, "out.json"), null, TextWriter.Null, error);
        Assert.That(exit, Is.EqualTo(BenchCommand.ExitUnreadable));
        Assert.That(error.ToString(), Does.Contain("x-report-full.json"));
    }
}

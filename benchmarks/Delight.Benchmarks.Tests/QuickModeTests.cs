using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Delight.Benchmarks.Infrastructure;
using NUnit.Framework;

namespace Delight.Benchmarks.Tests;

/// <summary>
/// CI's proof that every suite runs: the quick mode (one cold iteration per benchmark, in-process) over every
/// benchmark. It asserts that each benchmark produced a measurement, never what the figures are.
/// </summary>
[NonParallelizable]
public sealed class QuickModeTests
{
    private static readonly Type[] Suites = typeof(BenchmarkProgram).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [Test]
    public void Every_benchmark_runs_in_quick_mode_and_is_exported()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "delight-bench-quick-" + Environment.ProcessId);
        try
        {
            using var output = new StringWriter();
            var exit = BenchmarkProgram.Run([BenchmarkProgram.QuickSwitch, "--artifacts", artifacts], output);

            Assert.That(exit, Is.EqualTo(0), output.ToString());
            var exports = Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-full.json");
            Assert.That(exports.Select(Path.GetFileName),
                Is.EquivalentTo(Suites.Select(s => $"{s.FullName}-report-full.json")));
            foreach (var export in exports)
            {
                using var document = JsonDocument.Parse(File.ReadAllText(export));
                var benchmarks = document.RootElement.GetProperty("Benchmarks").EnumerateArray().ToList();
                Assert.That(benchmarks, Is.Not.Empty, export);
                foreach (var benchmark in benchmarks)
                {
                    Assert.That(benchmark.GetProperty("Statistics").GetProperty("Mean").GetDouble(), Is.GreaterThan(0),
                        benchmark.GetProperty("FullName").GetString());
                }
            }
        }
        finally
        {
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    [Test]
    public void A_filter_that_matches_nothing_exits_1()
    {
        using var output = new StringWriter();
        var exit = BenchmarkProgram.Run([BenchmarkProgram.QuickSwitch, "--filter", "*NoSuchBenchmark*",
            "--artifacts", Path.Combine(Path.GetTempPath(), "delight-bench-none-" + Environment.ProcessId)], output);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("no benchmark ran"));
    }

    /// <summary>BenchmarkDotNet's JSON export does not say which benchmark is the baseline, so `delight-sim bench
    /// compare` finds it by name: exactly the [Benchmark(Baseline = true)] methods start with "Raw", one per suite.</summary>
    [Test]
    public void In_run_baselines_are_exactly_the_methods_named_Raw()
    {
        Assert.That(Suites, Is.Not.Empty);
        foreach (var suite in Suites)
        {
            var methods = suite.GetMethods()
                .Select(m => (m.Name, Attribute: m.GetCustomAttribute<BenchmarkAttribute>()))
                .Where(m => m.Attribute is not null)
                .ToList();
            foreach (var (name, attribute) in methods)
            {
                Assert.That(attribute!.Baseline, Is.EqualTo(name.StartsWith("Raw", StringComparison.Ordinal)),
                    $"{suite.Name}.{name}: Baseline = true exactly when the name starts with Raw");
            }

            Assert.That(methods.Count(m => m.Attribute!.Baseline), Is.LessThanOrEqualTo(1), suite.Name);
        }
    }

    [Test]
    public void The_slowed_loop_is_off_unless_asked_for()
    {
        Assert.That(Environment.GetEnvironmentVariable(SlowedLoop.EnvironmentVariable), Is.Not.EqualTo("1"));
        Assert.That(SlowedLoop.IsArmed, Is.False);
    }
}

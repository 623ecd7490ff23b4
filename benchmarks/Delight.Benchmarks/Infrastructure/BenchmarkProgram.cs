using System.Reflection;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Delight.Benchmarks.Infrastructure;

/// <summary>
/// Entry point shared by the executable and the quick-mode test. Our own switches are taken out; everything else is
/// BenchmarkDotNet's command line (<c>--filter</c>, <c>--artifacts</c>, <c>--list</c>, ...).
/// Exit codes: 0 every selected benchmark ran; 1 a benchmark failed to run, a validation error, or nothing ran.
/// </summary>
public static class BenchmarkProgram
{
    public const string QuickSwitch = "--quick";
    public const string ShortSwitch = "--short";
    public const string SlowedLoopSwitch = "--slowed-loop";

    private static readonly string[] InformationalSwitches = ["--list", "--help", "-h", "-?", "--info", "--version"];

    public static int Run(string[] args, TextWriter output) =>
        Run(args, output, typeof(BenchmarkProgram).Assembly, BuildKind.Ordinary);

    /// <param name="suites">The assembly whose benchmarks to run.</param>
    /// <param name="build">The build those benchmarks must measure (checked before anything runs).</param>
    public static int Run(string[] args, TextWriter output, Assembly suites, BuildKind build)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(suites);

        var mode = args.Contains(QuickSwitch, StringComparer.Ordinal) ? BenchMode.Quick
            : args.Contains(ShortSwitch, StringComparer.Ordinal) ? BenchMode.Short
            : BenchMode.Full;
        var quick = mode == BenchMode.Quick;
        if (args.Contains(SlowedLoopSwitch, StringComparer.Ordinal))
        {
            SlowedLoop.Arm();
        }

        var rest = args.Where(a => a is not QuickSwitch and not ShortSwitch and not SlowedLoopSwitch).ToList();
        var informational = rest.Any(a => InformationalSwitches.Contains(a, StringComparer.Ordinal));
        if (!informational && !rest.Any(a => a is "--filter" or "-f"))
        {
            // Without a filter BenchmarkDotNet asks on the console which suite to run; we run them all.
            rest.AddRange(["--filter", "*"]);
        }

        if (!informational && RewriteGuard.Check(build, RewriteGuard.RuntimeIsRewritten()) is { } refusal)
        {
            output.WriteLine($"bench: {refusal}");
            return 1;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(suites)
            .Run([.. rest], BenchConfig.Create(mode))
            .ToList();

        if (informational)
        {
            return 0;
        }

        var failures = Failures(summaries).ToList();
        var ran = summaries.Sum(s => s.Reports.Length);
        foreach (var failure in failures)
        {
            output.WriteLine($"bench: FAILED {failure}");
        }

        if (ran == 0)
        {
            output.WriteLine("bench: no benchmark ran (check --filter)");
            return 1;
        }

        output.WriteLine($"bench: {ran - failures.Count} of {ran} benchmarks ran{(quick ? " (quick mode: figures are noise, never gated)" : string.Empty)}");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Every benchmark that did not produce a result, and every critical validation error.</summary>
    public static IEnumerable<string> Failures(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            foreach (var error in summary.ValidationErrors.Where(e => e.IsCritical))
            {
                yield return $"{summary.Title}: {error.Message}";
            }

            foreach (var report in summary.Reports)
            {
                if (!report.Success || report.ResultStatistics is null)
                {
                    yield return report.BenchmarkCase.DisplayInfo;
                }
            }
        }
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace Delight.Benchmarks.Infrastructure;

/// <summary>
/// The one configuration every suite runs with.
/// <para>Toolchain: in-process (emit). BenchmarkDotNet's default toolchain generates and builds a project per run,
/// which would rebuild the shared source tree outside the caller's artifacts path and, for the exploration suite,
/// would measure a fresh non-rewritten build. In-process measures exactly the assemblies this program loaded:
/// ordinary ones for a normal build, Coyote-rewritten ones for the rewritten build of the exploration suite.</para>
/// <para>Quick mode: one cold iteration per benchmark (like BenchmarkDotNet's Dry job). It proves every benchmark
/// runs; its figures are noise and are never gated. Short mode (BenchmarkDotNet's ShortRun: 3 warmups, 3
/// iterations) is for development. The full mode is BenchmarkDotNet's default job, for the baseline and the gate.</para>
/// </summary>
public static class BenchConfig
{
    public const string QuickJobId = "Quick";
    public const string FullJobId = "Full";

    public const string ShortJobId = "Short";

    public static IConfig Create(BenchMode mode)
    {
        var toolchain = InProcessEmitToolchain.Instance;
        var quick = mode == BenchMode.Quick;
        var job = mode switch
        {
            BenchMode.Quick => Job.Dry.WithToolchain(toolchain).WithId(QuickJobId),
            BenchMode.Short => Job.ShortRun.WithToolchain(toolchain).WithId(ShortJobId),
            _ => Job.Default.WithToolchain(toolchain).WithMaxIterationCount(30).WithId(FullJobId),
        };

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.OperationsPerSecond)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(JsonExporter.Full)
            .AddExporter(MarkdownExporter.GitHub)
            .AddValidator(DefaultConfig.Instance.GetValidators().Where(v => v is not JitOptimizationsValidator).ToArray())
            // A Debug build of the runtime (dotnet test without -c Release) still smokes in quick mode; a full run
            // must measure optimised code.
            .AddValidator(quick ? JitOptimizationsValidator.DontFailOnError : JitOptimizationsValidator.FailOnError)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}

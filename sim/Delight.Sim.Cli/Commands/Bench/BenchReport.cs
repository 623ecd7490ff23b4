using System.Globalization;

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>Prints a <see cref="BenchComparison"/>: one line per benchmark, grouped by suite and parameters.</summary>
public static class BenchReport
{
    public static void Write(BenchComparison comparison, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"baseline: {comparison.BaselineMachine.Describe()}");
        output.WriteLine($"results:  {comparison.ResultsMachine.Describe()}");
        output.WriteLine($"ratio = mean time / mean time of the group's in-run baseline (lower is faster); threshold {comparison.Threshold.ToString("P0", CultureInfo.InvariantCulture)}");

        foreach (var group in comparison.Rows.GroupBy(r => r.Group))
        {
            output.WriteLine();
            output.WriteLine(group.Key);
            foreach (var row in group)
            {
                output.WriteLine(
                    $"  {row.Method,-28} then {Ratio(row.RatioThen),7}  now {Ratio(row.RatioNow),7}  change {Change(row.Change),8}  " +
                    $"alloc {Bytes(row.BytesThen),7} -> {Bytes(row.BytesNow),-7}  {Label(row.Verdict)}{(row.Reason is null ? string.Empty : ": " + row.Reason)}");
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench compare: {comparison.Count(BenchVerdict.Ok)} ok, {comparison.Count(BenchVerdict.Regression)} regressed, " +
            $"{comparison.Count(BenchVerdict.FailedToRun)} failed to run, {comparison.Count(BenchVerdict.NotGated)} not gated, " +
            $"{comparison.Count(BenchVerdict.Missing)} missing, {comparison.Count(BenchVerdict.New)} new, {comparison.Count(BenchVerdict.Baseline)} baselines"));
    }

    private static string Ratio(double? ratio) => ratio?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";

    private static string Change(double? change) => change?.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) ?? "-";

    private static string Bytes(long? bytes) => bytes is null ? "-" : bytes.Value.ToString(CultureInfo.InvariantCulture) + " B";

    private static string Label(BenchVerdict verdict) => verdict switch
    {
        BenchVerdict.Ok => "ok",
        BenchVerdict.Regression => "REGRESSION",
        BenchVerdict.Baseline => "baseline",
        BenchVerdict.NotGated => "not gated",
        BenchVerdict.Missing => "missing",
        BenchVerdict.New => "new",
        BenchVerdict.FailedToRun => "FAILED TO RUN",
        _ => verdict.ToString(),
    };
}

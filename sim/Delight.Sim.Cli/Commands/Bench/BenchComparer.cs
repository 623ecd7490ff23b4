using System.Collections.Immutable;

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>
/// The regression gate. Absolute times are not compared across runs (machines are shared and noisy); each benchmark
/// is divided by the in-run baseline of its group, and that ratio is compared then and now.
/// <para>A group is one suite (namespace + type) with one set of parameters. Its in-run baseline is the method
/// whose name starts with <see cref="BaselinePrefix"/> (the suites mark exactly those with
/// <c>[Benchmark(Baseline = true)]</c>; BenchmarkDotNet's JSON does not carry the flag, so the name does; a test in
/// the benchmarks project keeps the two in step).</para>
/// <para>A benchmark regresses when its ratio grew by more than the threshold, or when its allocation per
/// operation grew by more than the threshold and by at least <see cref="AllocationSlackBytes"/> bytes.</para>
/// </summary>
public static class BenchComparer
{
    public const string BaselinePrefix = "Raw";
    public const double DefaultThreshold = 0.10;
    public const long AllocationSlackBytes = 8;

    public static BenchComparison Compare(JoinedBenchmarkResults baseline, JoinedBenchmarkResults results, double threshold)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(results);
        if (double.IsNaN(threshold) || threshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a non-negative fraction.");
        }

        var then = Index(baseline);
        var now = Index(results);
        var rows = ImmutableArray.CreateBuilder<BenchComparisonRow>();

        foreach (var (key, old) in then)
        {
            now.TryGetValue(key, out var current);
            rows.Add(CompareOne(key, old, current, then, now, threshold));
        }

        foreach (var (key, current) in now.Where(kv => !then.ContainsKey(kv.Key)))
        {
            var ratio = Ratio(current, now);
            rows.Add(new BenchComparisonRow(
                key.Group, key.Method, ratio.BaselineMethod, null, ratio.Value, null, Mean(current), null, Bytes(current),
                BenchVerdict.New, "not in the baseline file"));
        }

        return new BenchComparison(baseline.Machine, results.Machine, threshold, rows.ToImmutable());
    }

    private static BenchComparisonRow CompareOne(
        BenchKey key,
        BenchmarkEntry old,
        BenchmarkEntry? current,
        Dictionary<BenchKey, BenchmarkEntry> then,
        Dictionary<BenchKey, BenchmarkEntry> now,
        double threshold)
    {
        var ratioThen = Ratio(old, then);
        if (current is null)
        {
            return new BenchComparisonRow(key.Group, key.Method, ratioThen.BaselineMethod, ratioThen.Value, null,
                Mean(old), null, Bytes(old), null, BenchVerdict.Missing, "not in the results");
        }

        var ratioNow = Ratio(current, now);
        BenchComparisonRow Row(BenchVerdict verdict, string? reason) => new(
            key.Group, key.Method, ratioNow.BaselineMethod ?? ratioThen.BaselineMethod, ratioThen.Value, ratioNow.Value,
            Mean(old), Mean(current), Bytes(old), Bytes(current), verdict, reason);

        if (Mean(current) is null)
        {
            return Mean(old) is null
                ? Row(BenchVerdict.NotGated, "no measurement in either file")
                : Row(BenchVerdict.FailedToRun, "the results hold no measurement: it failed to run");
        }

        if (key.Method.StartsWith(BaselinePrefix, StringComparison.Ordinal))
        {
            return Row(BenchVerdict.Baseline, null);
        }

        if (ratioThen.Value is null || ratioNow.Value is null)
        {
            return Row(BenchVerdict.NotGated, ratioNow.Problem ?? ratioThen.Problem);
        }

        var reasons = new List<string>();
        var change = ratioNow.Value.Value / ratioThen.Value.Value - 1;
        if (change > threshold)
        {
            reasons.Add($"ratio to {ratioNow.BaselineMethod} worsened by {change:P1} (threshold {threshold:P0})");
        }

        if (Bytes(old) is { } bytesThen && Bytes(current) is { } bytesNow
            && bytesNow - bytesThen > Math.Max(AllocationSlackBytes, bytesThen * threshold))
        {
            reasons.Add($"allocation grew from {bytesThen} B to {bytesNow} B per operation");
        }

        return reasons.Count == 0 ? Row(BenchVerdict.Ok, null) : Row(BenchVerdict.Regression, string.Join("; ", reasons));
    }

    private readonly record struct BenchKey(string Group, string Method);

    private readonly record struct GroupRatio(double? Value, string? BaselineMethod, string? Problem);

    private static Dictionary<BenchKey, BenchmarkEntry> Index(JoinedBenchmarkResults results)
    {
        var index = new Dictionary<BenchKey, BenchmarkEntry>();
        foreach (var benchmark in results.Exports.SelectMany(e => e.Benchmarks))
        {
            // A later export of the same benchmark (a re-run suite) wins.
            index[new BenchKey(GroupOf(benchmark), benchmark.Method)] = benchmark;
        }

        return index;
    }

    /// <summary>"Namespace.Type [Parameters]": one suite with one set of parameters.</summary>
    public static string GroupOf(BenchmarkEntry benchmark)
    {
        var type = string.IsNullOrEmpty(benchmark.Namespace) ? benchmark.Type : $"{benchmark.Namespace}.{benchmark.Type}";
        return string.IsNullOrEmpty(benchmark.Parameters) ? type : $"{type} [{benchmark.Parameters}]";
    }

    private static GroupRatio Ratio(BenchmarkEntry benchmark, Dictionary<BenchKey, BenchmarkEntry> run)
    {
        var group = GroupOf(benchmark);
        var baselines = run.Where(kv => kv.Key.Group == group && kv.Key.Method.StartsWith(BaselinePrefix, StringComparison.Ordinal))
            .Select(kv => kv.Value)
            .ToList();
        if (baselines.Count == 0)
        {
            return new GroupRatio(null, null, "no in-run baseline in its group: reported, not gated");
        }

        if (baselines.Count > 1)
        {
            return new GroupRatio(null, null, $"{baselines.Count} methods named {BaselinePrefix}* in one group: ambiguous, not gated");
        }

        var reference = baselines[0];
        if (Mean(benchmark) is not { } mine || Mean(reference) is not { } theirs || theirs <= 0)
        {
            return new GroupRatio(null, reference.Method, $"the baseline {reference.Method} has no measurement");
        }

        return new GroupRatio(mine / theirs, reference.Method, null);
    }

    private static double? Mean(BenchmarkEntry benchmark) =>
        benchmark.Statistics is { N: > 0 } s && double.IsFinite(s.Mean) && s.Mean > 0 ? s.Mean : null;

    private static long? Bytes(BenchmarkEntry benchmark) => benchmark.Memory?.BytesAllocatedPerOperation;
}

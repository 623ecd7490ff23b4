namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>One benchmark in the comparison. Ratios are time ratios to the in-run baseline of the group (mean time
/// of this benchmark / mean time of the baseline in the same run): 1.25 means 25 % slower than the baseline.</summary>
public sealed record BenchComparisonRow(
    string Group,
    string Method,
    string? BaselineMethod,
    double? RatioThen,
    double? RatioNow,
    double? MeanNanosThen,
    double? MeanNanosNow,
    long? BytesThen,
    long? BytesNow,
    BenchVerdict Verdict,
    string? Reason)
{
    /// <summary>Relative change of the ratio (now / then - 1); positive is worse.</summary>
    public double? Change => RatioThen is > 0 && RatioNow is not null ? RatioNow / RatioThen - 1 : null;
}

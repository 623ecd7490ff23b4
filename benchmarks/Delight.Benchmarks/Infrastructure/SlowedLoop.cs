namespace Delight.Benchmarks.Infrastructure;

/// <summary>
/// A deliberately slowed loop, used only to prove that the regression gate catches a slower loop. When armed
/// (<c>--slowed-loop</c>, or DELIGHT_BENCH_SLOWED_LOOP=1) every loop benchmark's reducer spins a little per event.
/// Benchmark names do not change, so a slowed run compares one to one against the baseline.
/// </summary>
public static class SlowedLoop
{
    public const string EnvironmentVariable = "DELIGHT_BENCH_SLOWED_LOOP";

    private const int SpinIterations = 4;

    public static bool IsArmed { get; private set; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public static void Arm()
    {
        IsArmed = true;
        Environment.SetEnvironmentVariable(EnvironmentVariable, "1");
    }

    /// <summary>Called once per event by the loop suites' reducers; free unless armed.</summary>
    public static void MaybeDelay()
    {
        if (IsArmed)
        {
            Thread.SpinWait(SpinIterations);
        }
    }
}

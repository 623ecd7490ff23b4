namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>What the gate concluded about one benchmark.</summary>
public enum BenchVerdict
{
    /// <summary>Its ratio to the in-run baseline did not worsen beyond the threshold.</summary>
    Ok,

    /// <summary>Its ratio to the in-run baseline (or its allocation per operation) worsened beyond the threshold.</summary>
    Regression,

    /// <summary>It is the in-run baseline of its group; the others are measured against it.</summary>
    Baseline,

    /// <summary>Its group has no in-run baseline (e.g. Coyote iterations per second): reported, not gated.</summary>
    NotGated,

    /// <summary>The baseline file has it; the results do not (a filtered run, or a removed benchmark).</summary>
    Missing,

    /// <summary>The results have it; the baseline file does not.</summary>
    New,

    /// <summary>The results list it without a measurement: it failed to run. Counts as a regression.</summary>
    FailedToRun,
}

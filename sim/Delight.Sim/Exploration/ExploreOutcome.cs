namespace Delight.Sim.Exploration;

/// <summary>What exploring one scenario produced.</summary>
public sealed record ExploreOutcome(
    string Scenario,
    int IterationsRun,
    bool BugFound,
    string? FailingInvariant,
    string? Message,
    string? BugFilePath,
    string? ReportPath,
    int? BugIteration)
{
    public static ExploreOutcome Clean(string scenario, int iterations) =>
        new(scenario, iterations, false, null, null, null, null, null);
}

namespace Delight.Sim.Exploration;

/// <summary>A bug a hunt found: the global iteration number (1-based), the scenario it ran and the files written
/// (none for a harness-determinism divergence, which has no trace to replay).</summary>
public sealed record HuntBug(int Iteration, string Scenario, string FailingInvariant, string Message, string? BugFilePath, string? ReportPath);

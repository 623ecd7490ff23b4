namespace Delight.Sim.Cli.Commands.Capture;

/// <summary>The raw arguments of `capture record`, before they are checked (<see cref="RecordPlan"/>).</summary>
internal sealed record RecordArguments(string? Server, string? SecretFile, string Agent, string Flow, string Out, int TimeoutSeconds);

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>A baseline or results file that cannot be read as benchmark results (exit code 2).</summary>
public sealed class BenchInputException(string path, string reason)
    : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}

namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>Progress of a long hunt as plain lines (every tenth of the run), readable when redirected to a file.</summary>
internal sealed class ProgressLine(TextWriter output, string name, int total)
{
    private readonly int _step = Math.Max(1, total / 10);

    public void Report(int iteration)
    {
        if (iteration == 1 || iteration % _step == 0)
        {
            var filled = (int)Math.Round(20.0 * iteration / Math.Max(1, total));
            output.WriteLine($"[{new string('#', filled)}{new string('.', 20 - filled)}] {name} {iteration}/{total}");
        }
    }

    public void Done(int iterationsRun, string verdict) =>
        output.WriteLine($"{name}: {iterationsRun} iteration(s), {verdict}");
}

namespace Delight.Sim.Replay;

/// <summary>Prints a replay report for a person: one line when clean, the full context when not.</summary>
public static class ReplayReportPrinter
{
    public static void Print(ReplayReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        if (report.IsClean)
        {
            output.WriteLine($"clean     {report.Capture} ({report.InputsReplayed} inputs, {report.CommandsCompared} commands compared)");
            return;
        }

        if (report.Violation is { } violation)
        {
            output.WriteLine($"INVARIANT {report.Capture}: [{violation.Invariant}] at record #{violation.InputIndex}: {violation.Detail}");
        }

        if (report.Divergence is { } d)
        {
            output.WriteLine($"DIVERGED  {report.Capture} at input #{d.InputIndex}: {d.Difference ?? "state differs"}");
            output.WriteLine("  records before it:");
            foreach (var line in d.Preceding)
            {
                output.WriteLine($"    {line}");
            }

            output.WriteLine($"  input:    {d.Input}");
            output.WriteLine("  expected:");
            foreach (var line in d.Expected)
            {
                output.WriteLine($"    {line}");
            }

            output.WriteLine("  actual:");
            foreach (var line in d.Actual)
            {
                output.WriteLine($"    {line}");
            }

            if (!d.StateDifferences.IsEmpty)
            {
                output.WriteLine($"  state fields that differ (recorded → replayed): {string.Join("; ", d.StateDifferences)}");
            }
        }
    }
}

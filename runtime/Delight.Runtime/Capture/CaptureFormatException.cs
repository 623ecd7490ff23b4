namespace Delight.Runtime.Capture;

/// <summary>A capture that does not follow captures/FORMAT.md: names the line (1-based) and the field.</summary>
public sealed class CaptureFormatException(int line, string field, string problem)
    : FormatException($"line {line}, field '{field}': {problem}")
{
    public int Line { get; } = line;

    public string Field { get; } = field;

    public string Problem { get; } = problem;
}

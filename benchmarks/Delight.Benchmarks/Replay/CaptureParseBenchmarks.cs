using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Delight.Runtime.Capture;

namespace Delight.Benchmarks.Replay;

/// <summary>
/// Capture parsing per second, separately from replay: <see cref="CaptureReader.Read"/> of the recorded capture's
/// JSON Lines text into typed records, against a raw <see cref="JsonDocument"/> parse of every line (the ruler).
/// One operation parses the whole capture (5 000 inputs and the outputs they produced).
/// </summary>
[MemoryDiagnoser]
public class CaptureParseBenchmarks
{
    private string _text = string.Empty;
    private string[] _lines = [];

    public int Records { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = ReplayWorkload.ToText(ReplayWorkload.Record());
        _lines = _text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Records = CaptureReader.Read(new StringReader(_text)).Records.Length;
        if (Records + 1 != _lines.Length)
        {
            throw new InvalidOperationException($"expected a header and {Records} record lines, got {_lines.Length} lines");
        }
    }

    [Benchmark(Baseline = true)]
    public int RawJsonDocumentPerLine()
    {
        var kinds = 0;
        foreach (var line in _lines)
        {
            using var document = JsonDocument.Parse(line);
            kinds += (int)document.RootElement.ValueKind;
        }

        return kinds;
    }

    [Benchmark]
    public int ParseCapture() => CaptureReader.Read(new StringReader(_text)).Records.Length;
}

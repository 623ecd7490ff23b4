using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Runtime.Capture.Sanitizing;

namespace Delight.Runtime.Capture;

/// <summary>Writes a capture line by line. With a sanitizer, every line is sanitized before it is written, so no
/// secret ever reaches the file.</summary>
public sealed class CaptureWriter
{
    private readonly TextWriter _output;
    private readonly CaptureSanitizer? _sanitizer;

    public CaptureWriter(TextWriter output, CaptureSanitizer? sanitizer)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _sanitizer = sanitizer;
    }

    public void WriteHeader(CaptureHeader header) => WriteLine(JsonSerializer.SerializeToNode(header, CaptureFormat.Json));

    public void WriteRecord(CaptureRecord record) => WriteLine(JsonSerializer.SerializeToNode(record, CaptureFormat.Json));

    private void WriteLine(JsonNode? node)
    {
        var line = _sanitizer is null ? node : _sanitizer.Sanitize(node);
        _output.WriteLine(line?.ToJsonString() ?? "null");
    }

    /// <summary>Writes a whole capture (header first).</summary>
    public static void Write(TextWriter output, CaptureFile capture, CaptureSanitizer? sanitizer)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var writer = new CaptureWriter(output, sanitizer);
        writer.WriteHeader(capture.Header);
        foreach (var record in capture.Records)
        {
            writer.WriteRecord(record);
        }
    }
}

using System.Collections.Immutable;

namespace Delight.Runtime.Capture;

/// <summary>A parsed capture: its header and its records in order.</summary>
public sealed record CaptureFile(CaptureHeader Header, ImmutableArray<CaptureRecord> Records)
{
    public IEnumerable<CaptureRecord> Inputs => Records.Where(r => r.Dir == CaptureDirection.In);

    public IEnumerable<CaptureRecord> Outputs => Records.Where(r => r.Dir == CaptureDirection.Out);
}

using System.Collections.Immutable;
using Delight.Runtime.Capture;

namespace Delight.Transport.LiveCapture;

/// <summary>A finished live recording. <see cref="Recorder"/> writes the capture sanitized
/// (<see cref="CaptureRecorder.WriteTo"/>). <see cref="SecretsToAudit"/> holds what must never appear in a written
/// capture (the session's DEK and the relay tokens of both sides), so a caller can check; never print them.</summary>
public sealed record LiveCaptureResult(string FlowName, string SessionId, CaptureRecorder Recorder, ImmutableArray<string> SecretsToAudit, ImmutableArray<byte[]> SecretBytesToAudit);

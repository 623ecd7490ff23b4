namespace Delight.Transport.LiveCapture;

/// <summary>One recordable live flow: a name (the capture's file name), what it covers, and how the phone drives
/// the session (the CLI side is our real runtime; the recording starts and ends around <see cref="Drive"/>).</summary>
public sealed record LiveFlow(string Name, string Covers, Func<LiveFlowContext, Task> Drive);

namespace Delight.Transport.LiveCapture;

/// <summary>A live recording failed: the relay could not be reached or refused us, or a flow step did not happen in
/// time. The message is one line and names the step; it never carries a secret.</summary>
public sealed class LiveCaptureException(string message, Exception? innerException = null) : Exception(message, innerException);

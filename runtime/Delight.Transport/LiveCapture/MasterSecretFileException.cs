namespace Delight.Transport.LiveCapture;

/// <summary>The secret file is missing, unreadable or holds no 32-byte master secret (its content is never quoted).</summary>
public sealed class MasterSecretFileException(string message) : Exception(message);

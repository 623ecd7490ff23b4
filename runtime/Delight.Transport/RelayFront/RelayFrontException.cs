namespace Delight.Transport.RelayFront;

/// <summary>The test relay's Node front could not be installed or started (Node.js missing, npm ci failed, ...).</summary>
public sealed class RelayFrontException(string message) : Exception(message);

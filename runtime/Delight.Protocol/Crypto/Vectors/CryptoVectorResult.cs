namespace Delight.Protocol.Crypto.Vectors;

/// <summary>One vector's outcome: its name (section.check), kind, pass or fail, and why.</summary>
public sealed record CryptoVectorResult(string Name, CryptoVectorKind Kind, bool Passed, string Detail);

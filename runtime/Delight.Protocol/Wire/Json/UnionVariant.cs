namespace Delight.Protocol.Wire.Json;

/// <summary>One known variant of a discriminated union: its current wire name, C# type and accepted legacy names.</summary>
internal sealed record UnionVariant(string WireName, Type Type, params string[] LegacyNames);

namespace Delight.Protocol.Wire.Json;

/// <summary>A variant whose discriminator we do not know: kept as raw JSON and re-encoded exactly as it came.</summary>
public interface IUnknownVariant
{
    /// <summary>The discriminator value as received.</summary>
    string WireName { get; }

    /// <summary>The whole object as received.</summary>
    RawJson Raw { get; }
}

using System.Text.Json;

namespace Delight.Protocol.Wire.Json;

/// <summary>
/// Thrown inside converters. System.Text.Json stamps <see cref="JsonException.Path"/> with the location where a
/// converter was running; <see cref="Suffix"/> carries the rest of the path below that point (for errors found
/// in a nested deserialization, whose own path is relative). <see cref="WireErrors"/> joins the two.
/// </summary>
internal sealed class WireJsonException : JsonException
{
    public WireJsonException(string detail, string suffix)
        : base(detail)
    {
        Detail = detail;
        Suffix = suffix;
    }

    public WireJsonException()
        : this("invalid wire payload", "")
    {
    }

    public WireJsonException(string message)
        : this(message, "")
    {
    }

    public WireJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
        Suffix = "";
    }

    public string Detail { get; }

    /// <summary>Path below the converter's location, starting with '.' or '[' (empty for the location itself).</summary>
    public string Suffix { get; }
}

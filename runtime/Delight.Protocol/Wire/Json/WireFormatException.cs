namespace Delight.Protocol.Wire.Json;

/// <summary>
/// A payload that is not valid for its wire type: malformed JSON, nesting deeper than 64, a missing
/// discriminator or required field, or a value of the wrong type. Names the offending field and its JSON path.
/// </summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException()
        : this("invalid wire payload", "$", null)
    {
    }

    public WireFormatException(string message)
        : this(message, "$", null)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = "$";
        Detail = message;
    }

    public WireFormatException(string detail, string jsonPath, string? field, long? lineNumber = null, long? bytePositionInLine = null, Exception? innerException = null)
        : base(Compose(detail, jsonPath, field, lineNumber, bytePositionInLine), innerException)
    {
        Detail = detail;
        JsonPath = jsonPath;
        Field = field;
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>Where: a JSON path such as <c>$.body.message.content.c</c> (<c>$</c> for the whole payload).</summary>
    public string JsonPath { get; }

    /// <summary>The offending field's name (last property in <see cref="JsonPath"/>), or null for the whole payload.</summary>
    public string? Field { get; }

    /// <summary>Zero-based line of a syntax error, when the text itself is malformed.</summary>
    public long? LineNumber { get; }

    /// <summary>Zero-based byte position in that line of a syntax error.</summary>
    public long? BytePositionInLine { get; }

    private static string Compose(string detail, string jsonPath, string? field, long? line, long? position)
    {
        var where = field is null ? $"at {jsonPath}" : $"field '{field}' at {jsonPath}";
        if (line is not null)
        {
            where += $" (line {line + 1}, byte {position + 1})";
        }

        return $"{detail} ({where})";
    }
}

using System.Text.Json;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>Parses the crypto-vectors.json format; anything that is not that shape is a <see cref="CryptoVectorFormatException"/>.</summary>
public static class CryptoVectorFileParser
{
    public static CryptoVectorFile Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, CryptoVectorJsonContext.Default.CryptoVectorFile)
                ?? throw new CryptoVectorFormatException("not a crypto-vectors file: the JSON is null, not an object.");
        }
        catch (JsonException ex)
        {
            throw new CryptoVectorFormatException(Describe(ex), ex);
        }
    }

    private static string Describe(JsonException ex)
    {
        // The serializer's messages already name the type and missing properties; add the JSON path when it has one.
        var where = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" (at {ex.Path}";
        if (where.Length > 0)
        {
            where += ex.LineNumber is { } line ? $", line {line + 1})" : ")";
        }

        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return $"not a crypto-vectors file: {message}{where}";
    }
}

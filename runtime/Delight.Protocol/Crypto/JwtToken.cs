using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Delight.Protocol.Crypto;

/// <summary>
/// Reading a relay JWT the way clients do (§9.9): base64url-decode the payload and read `exp`, without verifying the
/// signature (clients cannot; only the relay holds the key). Refresh when fewer than ten minutes remain.
/// </summary>
public static class JwtToken
{
    /// <summary>Clients re-authenticate when fewer than this remains before `exp`.</summary>
    public static TimeSpan RefreshMargin { get; } = TimeSpan.FromMinutes(10);

    // Seconds DateTimeOffset can represent; a NumericDate outside is unusable.
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>Parses the claims: three base64url segments, the payload a JSON object, claim types as RFC 7519 says.</summary>
    public static bool TryReadClaims(string? token, [NotNullWhen(true)] out JwtClaims? claims, out CryptoFailureReason reason)
    {
        claims = null;
        if (!TrySplit(token, out var header, out var payload, out _))
        {
            reason = CryptoFailureReason.MalformedToken;
            return false;
        }

        if (!CryptoEncoding.TryDecodeBase64UrlNoPadding(header, out var headerJson) || !IsJsonObject(headerJson)
            || !CryptoEncoding.TryDecodeBase64UrlNoPadding(payload, out var payloadJson)
            || !TryParseClaims(payloadJson, out claims))
        {
            reason = CryptoFailureReason.MalformedToken;
            return false;
        }

        reason = default;
        return true;
    }

    /// <summary>The `exp` instant, or a typed failure: MalformedToken for a broken token, MissingClaim without a usable exp.</summary>
    public static bool TryReadExpiry(string? token, out DateTimeOffset expiresAt, out CryptoFailureReason reason)
    {
        expiresAt = default;
        if (!TryReadClaims(token, out var claims, out reason))
        {
            return false;
        }

        if (claims.ExpiresAt is not { } seconds || seconds < 0 || seconds > MaxUnixSeconds)
        {
            reason = CryptoFailureReason.MissingClaim;
            return false;
        }

        expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    public static DateTimeOffset ReadExpiry(string? token) =>
        TryReadExpiry(token, out var expiresAt, out var reason) ? expiresAt : throw CryptoFailureException.For(reason);

    /// <summary>
    /// True when the token should be refreshed at <paramref name="now"/>: fewer than ten minutes (the margin) remain.
    /// A token whose exp cannot be read needs refreshing too.
    /// </summary>
    public static bool NeedsRefresh(string? token, DateTimeOffset now, TimeSpan? margin = null) =>
        !TryReadExpiry(token, out var expiresAt, out _) || expiresAt - now < (margin ?? RefreshMargin);

    internal static bool TrySplit(string? token, out string header, out string payload, out string signature)
    {
        header = payload = signature = string.Empty;
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        (header, payload, signature) = (parts[0], parts[1], parts[2]);
        return true;
    }

    internal static bool IsJsonObject(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads one string member of a JSON object (the header's `alg`), or null.</summary>
    internal static string? ReadStringMember(byte[] json, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTarget = reader.ValueTextEquals(name);
                reader.Read();
                if (isTarget && reader.TokenType == JsonTokenType.String)
                {
                    value = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            return value;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static bool TryParseClaims(byte[] json, [NotNullWhen(true)] out JwtClaims? claims)
    {
        claims = null;
        string? issuer = null, subject = null;
        long? expiresAt = null, notBefore = null, issuedAt = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var ok = name switch
                {
                    "iss" => TryReadString(ref reader, out issuer),
                    "sub" => TryReadString(ref reader, out subject),
                    "exp" => TryReadNumericDate(ref reader, out expiresAt),
                    "nbf" => TryReadNumericDate(ref reader, out notBefore),
                    "iat" => TryReadNumericDate(ref reader, out issuedAt),
                    _ => SkipValue(ref reader),
                };
                if (!ok)
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        claims = new JwtClaims(issuer, subject, expiresAt, notBefore, issuedAt);
        return true;
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            _ => null,
        };
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    // RFC 7519 NumericDate may carry a fraction; Delight's relay writes integers. A string or bool is malformed.
    private static bool TryReadNumericDate(ref Utf8JsonReader reader, out long? seconds)
    {
        seconds = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt64(out var whole))
        {
            seconds = whole;
            return true;
        }

        if (reader.TryGetDouble(out var fractional) && double.IsFinite(fractional)
            && fractional is > long.MinValue and < long.MaxValue)
        {
            seconds = (long)Math.Floor(fractional);
            return true;
        }

        return false;
    }

    private static bool SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    internal static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}

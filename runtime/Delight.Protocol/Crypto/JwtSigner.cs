using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Delight.Protocol.Crypto;

/// <summary>
/// The relay's side of §9.9, for the simulated relay and the vectors: EdDSA tokens with header
/// {"alg":"EdDSA","typ":"JWT"} and claims in Go order {iss, sub, exp, nbf, iat}, exp = iat + 24 h.
/// Ed25519 is deterministic, so the same key and claims give byte-identical tokens.
/// </summary>
public static class JwtSigner
{
    public const string HeaderJson = """{"alg":"EdDSA","typ":"JWT"}""";

    public static string Issue(Ed25519KeyPair serverKey, string accountId, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(serverKey);
        ArgumentNullException.ThrowIfNull(accountId);
        var iat = issuedAt.ToUnixTimeSeconds();
        var claims = new JwtClaims(JwtClaims.DelightIssuer, accountId, iat + (long)JwtClaims.Lifetime.TotalSeconds, iat, iat);
        return Issue(serverKey, claims);
    }

    public static string Issue(Ed25519KeyPair serverKey, JwtClaims claims)
    {
        ArgumentNullException.ThrowIfNull(serverKey);
        ArgumentNullException.ThrowIfNull(claims);
        var signingInput = CryptoEncoding.EncodeBase64UrlNoPadding(Encoding.UTF8.GetBytes(HeaderJson)) + "."
            + CryptoEncoding.EncodeBase64UrlNoPadding(EncodeClaims(claims));
        var signature = serverKey.Sign(JwtToken.Ascii(signingInput));
        return signingInput + "." + CryptoEncoding.EncodeBase64UrlNoPadding(signature);
    }

    /// <summary>The claims JSON in Go's field order, absent claims omitted.</summary>
    public static byte[] EncodeClaims(JwtClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (claims.Issuer is not null)
            {
                writer.WriteString("iss", claims.Issuer);
            }

            if (claims.Subject is not null)
            {
                writer.WriteString("sub", claims.Subject);
            }

            WriteNumber(writer, "exp", claims.ExpiresAt);
            WriteNumber(writer, "nbf", claims.NotBefore);
            WriteNumber(writer, "iat", claims.IssuedAt);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Verifies an EdDSA token's signature under <paramref name="serverPublicKey"/> (the relay's check).</summary>
    public static bool TryVerify(string? token, ReadOnlySpan<byte> serverPublicKey, out CryptoFailureReason reason)
    {
        if (!JwtToken.TrySplit(token, out var header, out var payload, out var signature)
            || !CryptoEncoding.TryDecodeBase64UrlNoPadding(header, out var headerJson)
            || !JwtToken.IsJsonObject(headerJson)
            || !CryptoEncoding.TryDecodeBase64UrlNoPadding(signature, out var signatureBytes))
        {
            reason = CryptoFailureReason.MalformedToken;
            return false;
        }

        if (JwtToken.ReadStringMember(headerJson, "alg") != "EdDSA"
            || !Ed25519KeyPair.Verify(serverPublicKey, JwtToken.Ascii(header + "." + payload), signatureBytes))
        {
            reason = CryptoFailureReason.InvalidSignature;
            return false;
        }

        reason = default;
        return true;
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}

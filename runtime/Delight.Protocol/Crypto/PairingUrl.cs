using System.Diagnostics.CodeAnalysis;

namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.10 step 2: the QR/URL <c>delight://terminal?&lt;base64url-nopad(pk)&gt;</c>, where the raw query
/// string is the terminal's X25519 pairing public key.
/// </summary>
public static class PairingUrl
{
    public const string Scheme = "delight";
    public const string Host = "terminal";
    private const string Prefix = Scheme + "://" + Host + "?";

    public static string Format(ReadOnlySpan<byte> terminalPublicKey)
    {
        if (terminalPublicKey.Length != BoxKeyPair.KeyLength)
        {
            throw CryptoFailureException.For(CryptoFailureReason.InvalidKeyLength);
        }

        return Prefix + CryptoEncoding.EncodeBase64UrlNoPadding(terminalPublicKey);
    }

    /// <summary>
    /// Parses like the SDK: scheme `delight` (any case), host `terminal`, the query any base64 flavour
    /// (std/url, padded or not, percent-encoded or not) of exactly 32 bytes.
    /// </summary>
    public static bool TryParse(string? url, [NotNullWhen(true)] out byte[]? terminalPublicKey)
    {
        terminalPublicKey = null;
        if (url is null || !url.StartsWith(Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = url.AsSpan(Scheme.Length + 3);
        var question = rest.IndexOf('?');
        if (question < 0 || !rest[..question].SequenceEqual(Host))
        {
            return false;
        }

        var query = rest[(question + 1)..];
        var fragment = query.IndexOf('#');
        if (fragment >= 0)
        {
            query = query[..fragment];
        }

        string unescaped;
        try
        {
            unescaped = Uri.UnescapeDataString(query.ToString());
        }
        catch (UriFormatException)
        {
            return false;
        }

        if (!CryptoEncoding.TryDecodeAnyBase64(unescaped, out var key) || key.Length != BoxKeyPair.KeyLength)
        {
            return false;
        }

        terminalPublicKey = key;
        return true;
    }

    public static byte[] Parse(string? url) =>
        TryParse(url, out var key) ? key : throw CryptoFailureException.For(CryptoFailureReason.InvalidPairingUrl);
}

using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.1: binary travels as RFC 4648 standard base64 with padding, decoded strictly; pairing URLs and JWTs
/// use base64url without padding; database keys are lowercase hex.
/// </summary>
public static class CryptoEncoding
{
    /// <summary>The upper bound of bytes a standard base64 text of this length can decode to.</summary>
    public static int GetMaxDecodedLength(int base64Length) => base64Length / 4 * 3;

    /// <summary>
    /// Strict standard base64: alphabet `A-Za-z0-9+/`, length a multiple of 4, `=` only as the final one or two
    /// characters, no whitespace (unlike <see cref="Convert.FromBase64String(string)"/>). Allocates nothing.
    /// </summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> base64, Span<byte> destination, out int written)
    {
        written = 0;
        if (!IsStrictBase64(base64))
        {
            return false;
        }

        return Convert.TryFromBase64Chars(base64, destination, out written);
    }

    /// <summary>Strict standard base64 into a new array, or false.</summary>
    public static bool TryDecodeBase64(string? base64, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (base64 is null || !IsStrictBase64(base64))
        {
            return false;
        }

        bytes = Convert.FromBase64String(base64);
        return true;
    }

    /// <summary>Strict standard base64, throwing <see cref="CryptoFailureException"/> (InvalidBase64).</summary>
    public static byte[] DecodeBase64(string? base64) =>
        TryDecodeBase64(base64, out var bytes) ? bytes : throw CryptoFailureException.For(CryptoFailureReason.InvalidBase64);

    public static string EncodeBase64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    /// <summary>base64url without padding (JWT segments, the pairing QR URL).</summary>
    public static string EncodeBase64UrlNoPadding(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>base64url without padding, strictly (no `=`, no `+/`).</summary>
    public static bool TryDecodeBase64UrlNoPadding(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsAlphanumeric(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, buffer, out written))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            // Base64Url reports malformed input (such as non-zero trailing bits) by throwing, not by returning false.
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return true;
    }

    /// <summary>
    /// Any of std/url alphabet, padded or not (the server's pubkey parsing and the SDK's QR parser are this lenient).
    /// Mixed alphabets and stray characters are still rejected.
    /// </summary>
    public static bool TryDecodeAnyBase64(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        var trimmed = text.TrimEnd('=');
        if (text.Length - trimmed.Length > 2)
        {
            return false;
        }

        bool sawStd = false, sawUrl = false;
        foreach (var c in trimmed)
        {
            if (c is '+' or '/')
            {
                sawStd = true;
            }
            else if (c is '-' or '_')
            {
                sawUrl = true;
            }
            else if (!IsAlphanumeric(c))
            {
                return false;
            }
        }

        if (sawStd && sawUrl)
        {
            return false;
        }

        // Padding, when present, must be exactly what the length requires.
        if (trimmed.Length != text.Length && text.Length % 4 != 0)
        {
            return false;
        }

        Span<char> urlForm = trimmed.Length <= 512 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        for (var i = 0; i < trimmed.Length; i++)
        {
            urlForm[i] = trimmed[i] switch { '+' => '-', '/' => '_', var c => c };
        }

        return TryDecodeBase64UrlNoPadding(urlForm, out bytes);
    }

    /// <summary>Lowercase hex (how the relay stores account keys).</summary>
    public static string EncodeHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Hex of either case, even length, nothing else.</summary>
    public static bool TryDecodeHex(string? hex, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (hex is null || hex.Length % 2 != 0)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }

    private static bool IsStrictBase64(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 != 0)
        {
            return false;
        }

        var padding = 0;
        if (text.Length > 0 && text[^1] == '=')
        {
            padding = text.Length > 1 && text[^2] == '=' ? 2 : 1;
        }

        for (var i = 0; i < text.Length - padding; i++)
        {
            var c = text[i];
            if (!IsAlphanumeric(c) && c != '+' && c != '/')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);
}

using System.Text;

namespace Delight.Transport.LiveCapture;

/// <summary>
/// Reads the account's 32-byte master secret from a file, as it is kept after pairing: base64 (standard or URL-safe)
/// or hex text, or the raw 32 bytes. Errors never quote the file's content.
/// </summary>
public static class MasterSecretFile
{
    public const int SecretLength = 32;

    public static byte[] Read(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MasterSecretFileException($"cannot read the secret file {path}: {e.Message}");
        }

        return Parse(content) ?? throw new MasterSecretFileException(
            $"the secret file {path} holds no 32-byte master secret (expected base64 or hex text, or exactly 32 raw bytes)");
    }

    /// <summary>The secret, or null when the content is none of the accepted encodings of 32 bytes.</summary>
    public static byte[]? Parse(ReadOnlySpan<byte> content)
    {
        if (TryText(content) is { } fromText)
        {
            return fromText;
        }

        return content.Length == SecretLength ? content.ToArray() : null;
    }

    private static byte[]? TryText(ReadOnlySpan<byte> content)
    {
        foreach (var b in content)
        {
            if ((b < 0x20 || b > 0x7e) && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t')
            {
                return null; // not text: maybe the raw bytes
            }
        }

        var text = Encoding.ASCII.GetString(content).Trim();
        if (text.Length == SecretLength * 2 && IsHex(text))
        {
            return Convert.FromHexString(text);
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[SecretLength + 3];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == SecretLength
            ? buffer[..SecretLength]
            : null;
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

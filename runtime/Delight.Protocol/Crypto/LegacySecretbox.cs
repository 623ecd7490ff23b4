using System.Diagnostics.CodeAnalysis;

namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.11 [LEGACY, removed upstream 2026-01-01]: XSalsa20-Poly1305 secretbox keyed directly by the
/// masterSecret, <c>nonce(24) ‖ tag(16) ‖ ciphertext</c>, base64, no version byte. Read-only support for old
/// captures; <see cref="Seal"/> exists only to produce such data in tests.
/// </summary>
public static class LegacySecretbox
{
    public const int KeyLength = 32;
    public const int NonceLength = 24;
    public const int TagLength = 16;
    public const int MinimumLength = NonceLength + TagLength;

    public static bool TryOpen(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? plaintext,
        out CryptoFailureReason reason)
    {
        plaintext = null;
        if (key.Length != KeyLength)
        {
            reason = CryptoFailureReason.InvalidKeyLength;
            return false;
        }

        if (blob.Length < MinimumLength)
        {
            reason = CryptoFailureReason.TooShort;
            return false;
        }

        var output = new byte[blob.Length - MinimumLength];
        if (!Sodium.SecretBoxOpenEasy(output, blob[NonceLength..], blob[..NonceLength], key))
        {
            reason = CryptoFailureReason.AuthenticationFailed;
            return false;
        }

        plaintext = output;
        reason = default;
        return true;
    }

    public static bool TryOpenBase64(string? base64, ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? plaintext,
        out CryptoFailureReason reason)
    {
        plaintext = null;
        if (!CryptoEncoding.TryDecodeBase64(base64, out var blob))
        {
            reason = CryptoFailureReason.InvalidBase64;
            return false;
        }

        return TryOpen(blob, key, out plaintext, out reason);
    }

    public static byte[] OpenBase64(string? base64, ReadOnlySpan<byte> key) =>
        TryOpenBase64(base64, key, out var plaintext, out var reason) ? plaintext : throw CryptoFailureException.For(reason);

    /// <summary>Produces legacy data (nonce from <paramref name="random"/>); Delight no longer writes this format.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> key, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (key.Length != KeyLength)
        {
            throw CryptoFailureException.For(CryptoFailureReason.InvalidKeyLength);
        }

        var blob = new byte[MinimumLength + plaintext.Length];
        random.Fill(blob.AsSpan(0, NonceLength));
        if (!Sodium.SecretBoxEasy(blob.AsSpan(NonceLength), plaintext, blob.AsSpan(0, NonceLength), key))
        {
            throw CryptoFailureException.For(CryptoFailureReason.NativeLibraryFailure);
        }

        return blob;
    }
}

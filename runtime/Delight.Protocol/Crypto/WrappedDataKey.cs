using System.Diagnostics.CodeAnalysis;

namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.5, the wrapped data-encryption key (the `dataEncryptionKey` field everywhere):
/// std-base64( 0x00 ‖ boxBundle(DEK, recipient = content public key) ) — 105 bytes, 140 characters for a 32-byte DEK.
/// </summary>
public static class WrappedDataKey
{
    public const byte Version = 0x00;
    public const int DataKeyLength = 32;
    public const int WrappedLength = 1 + BoxBundle.MinimumLength + DataKeyLength;

    /// <summary>Wraps a 32-byte DEK to the content public key.</summary>
    public static string Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> contentPublicKey, IRandomSource random)
    {
        if (dataKey.Length != DataKeyLength)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"A data-encryption key is {DataKeyLength} bytes, not {dataKey.Length}.");
        }

        Span<byte> wrapped = stackalloc byte[WrappedLength];
        wrapped[0] = Version;
        BoxBundle.Seal(dataKey, contentPublicKey, random, wrapped[1..]);
        return CryptoEncoding.EncodeBase64(wrapped);
    }

    /// <summary>
    /// Unwraps: strict base64, length ≥ 2, byte0 = 0x00, the bundle opens with the content secret key, and the result
    /// is exactly 32 bytes.
    /// </summary>
    public static bool TryUnwrap(string? wrapped, ReadOnlySpan<byte> contentSecretKey,
        [NotNullWhen(true)] out byte[]? dataKey, out CryptoFailureReason reason)
    {
        dataKey = null;
        if (!CryptoEncoding.TryDecodeBase64(wrapped, out var bytes))
        {
            reason = CryptoFailureReason.InvalidBase64;
            return false;
        }

        if (bytes.Length < 2)
        {
            reason = CryptoFailureReason.TooShort;
            return false;
        }

        if (bytes[0] != Version)
        {
            reason = CryptoFailureReason.UnsupportedVersion;
            return false;
        }

        if (!BoxBundle.TryOpen(bytes.AsSpan(1), contentSecretKey, out var opened, out reason))
        {
            return false;
        }

        if (opened.Length != DataKeyLength)
        {
            reason = CryptoFailureReason.InvalidPayloadLength;
            return false;
        }

        dataKey = opened;
        return true;
    }

    public static byte[] Unwrap(string? wrapped, ReadOnlySpan<byte> contentSecretKey) =>
        TryUnwrap(wrapped, contentSecretKey, out var dataKey, out var reason) ? dataKey : throw CryptoFailureException.For(reason);

    /// <summary>
    /// The Go SDK's compatibility fallback [LEGACY server behaviour]: when unwrapping fails but the text is standard
    /// base64 of exactly 32 bytes, it is taken as a raw, unwrapped DEK. <paramref name="wasRaw"/> says which path won.
    /// </summary>
    public static bool TryUnwrapOrRaw(string? wrapped, ReadOnlySpan<byte> contentSecretKey,
        [NotNullWhen(true)] out byte[]? dataKey, out bool wasRaw, out CryptoFailureReason reason)
    {
        wasRaw = false;
        if (TryUnwrap(wrapped, contentSecretKey, out dataKey, out reason))
        {
            return true;
        }

        if (CryptoEncoding.TryDecodeBase64(wrapped, out var raw) && raw.Length == DataKeyLength)
        {
            dataKey = raw;
            wasRaw = true;
            reason = default;
            return true;
        }

        return false;
    }
}

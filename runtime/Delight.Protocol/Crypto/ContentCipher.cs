using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Delight.Protocol.Crypto;

/// <summary>
/// AES-256-GCM envelopes (§9.6) under one key — a session DEK, or the masterSecret used directly for terminal data and
/// terminal RPC. This is the message hot path: it caches the <see cref="AesGcm"/> instance, works on spans, and
/// allocates nothing beyond its output (scratch is stackalloc'd or pooled). Safe to share between threads.
/// </summary>
public sealed class ContentCipher : IDisposable
{
    public const int KeyLength = 32;

    // Envelopes up to this size use stack scratch; bigger ones rent from the shared pool.
    private const int StackScratchLimit = 1024;

    // AesGcm instances are not documented as thread-safe; the lock is uncontended on the single-writer runtime.
    private readonly object gate = new();
    private readonly AesGcm aes;
    private readonly IRandomSource random;

    public ContentCipher(ReadOnlySpan<byte> key, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (key.Length != KeyLength)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"An AES-256-GCM key is {KeyLength} bytes, not {key.Length}.");
        }

        aes = new AesGcm(key, AesGcmEnvelope.TagLength);
        this.random = random;
    }

    public ContentCipher(ReadOnlySpan<byte> key)
        : this(key, SystemRandomSource.Instance)
    {
    }

    /// <summary>Writes the envelope of <paramref name="plaintext"/> (which must not overlap it) and returns its length.</summary>
    public int Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        var length = AesGcmEnvelope.GetEnvelopeLength(plaintext.Length);
        if (destination.Length < length)
        {
            throw CryptoFailureException.For(CryptoFailureReason.DestinationTooSmall);
        }

        destination[0] = AesGcmEnvelope.Version;
        var nonce = destination.Slice(AesGcmEnvelope.VersionLength, AesGcmEnvelope.NonceLength);
        random.Fill(nonce);
        var ciphertext = destination.Slice(AesGcmEnvelope.VersionLength + AesGcmEnvelope.NonceLength, plaintext.Length);
        var tag = destination.Slice(length - AesGcmEnvelope.TagLength, AesGcmEnvelope.TagLength);
        lock (gate)
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        return length;
    }

    /// <summary>The envelope as standard base64; the returned string is the only allocation.</summary>
    public string EncryptToBase64(ReadOnlySpan<byte> plaintext)
    {
        var length = AesGcmEnvelope.GetEnvelopeLength(plaintext.Length);
        byte[]? rented = null;
        var scratch = length <= StackScratchLimit
            ? stackalloc byte[length]
            : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Encrypt(plaintext, scratch);
            return Convert.ToBase64String(scratch);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Opens an envelope into <paramref name="destination"/>. Rejects a short envelope, a non-zero version byte and a
    /// failed tag with a typed reason; on failure the destination holds no plaintext.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> envelope, Span<byte> destination, out int written, out CryptoFailureReason reason)
    {
        written = 0;
        if (envelope.Length < AesGcmEnvelope.Overhead)
        {
            reason = CryptoFailureReason.TooShort;
            return false;
        }

        if (envelope[0] != AesGcmEnvelope.Version)
        {
            reason = CryptoFailureReason.UnsupportedVersion;
            return false;
        }

        var plaintextLength = AesGcmEnvelope.GetPlaintextLength(envelope.Length);
        if (destination.Length < plaintextLength)
        {
            reason = CryptoFailureReason.DestinationTooSmall;
            return false;
        }

        var nonce = envelope.Slice(AesGcmEnvelope.VersionLength, AesGcmEnvelope.NonceLength);
        var ciphertext = envelope.Slice(AesGcmEnvelope.VersionLength + AesGcmEnvelope.NonceLength, plaintextLength);
        var tag = envelope[^AesGcmEnvelope.TagLength..];
        var output = destination[..plaintextLength];
        try
        {
            lock (gate)
            {
                aes.Decrypt(nonce, ciphertext, tag, output);
            }
        }
        catch (CryptographicException)
        {
            // AuthenticationTagMismatchException derives from CryptographicException; never leak partial plaintext.
            CryptographicOperations.ZeroMemory(output);
            reason = CryptoFailureReason.AuthenticationFailed;
            return false;
        }

        written = plaintextLength;
        reason = default;
        return true;
    }

    public int Decrypt(ReadOnlySpan<byte> envelope, Span<byte> destination) =>
        TryDecrypt(envelope, destination, out var written, out var reason) ? written : throw CryptoFailureException.For(reason);

    /// <summary>Decodes strict standard base64 and opens the envelope into <paramref name="destination"/>; no allocation.</summary>
    public bool TryDecryptFromBase64(ReadOnlySpan<char> base64, Span<byte> destination, out int written, out CryptoFailureReason reason)
    {
        written = 0;
        var maxLength = CryptoEncoding.GetMaxDecodedLength(base64.Length);
        byte[]? rented = null;
        var scratch = maxLength <= StackScratchLimit
            ? stackalloc byte[maxLength]
            : (rented = ArrayPool<byte>.Shared.Rent(maxLength)).AsSpan(0, maxLength);
        try
        {
            if (!CryptoEncoding.TryDecodeBase64(base64, scratch, out var decoded))
            {
                reason = CryptoFailureReason.InvalidBase64;
                return false;
            }

            return TryDecrypt(scratch[..decoded], destination, out written, out reason);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes and opens into a new array of exactly the plaintext length (the only allocation).</summary>
    public bool TryDecryptFromBase64(ReadOnlySpan<char> base64, [NotNullWhen(true)] out byte[]? plaintext, out CryptoFailureReason reason)
    {
        plaintext = null;
        var maxLength = CryptoEncoding.GetMaxDecodedLength(base64.Length);
        byte[]? rented = null;
        var scratch = maxLength <= StackScratchLimit
            ? stackalloc byte[maxLength]
            : (rented = ArrayPool<byte>.Shared.Rent(maxLength)).AsSpan(0, maxLength);
        try
        {
            if (!CryptoEncoding.TryDecodeBase64(base64, scratch, out var decoded))
            {
                reason = CryptoFailureReason.InvalidBase64;
                return false;
            }

            var envelope = scratch[..decoded];
            var plaintextLength = AesGcmEnvelope.GetPlaintextLength(envelope.Length);
            var output = plaintextLength > 0 ? new byte[plaintextLength] : [];
            if (!TryDecrypt(envelope, output, out _, out reason))
            {
                return false;
            }

            plaintext = output;
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public byte[] DecryptFromBase64(ReadOnlySpan<char> base64) =>
        TryDecryptFromBase64(base64, out byte[]? plaintext, out var reason) ? plaintext : throw CryptoFailureException.For(reason);

    public void Dispose() => aes.Dispose();
}

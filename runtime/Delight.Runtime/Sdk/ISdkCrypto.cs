using System.Security.Cryptography;

namespace Delight.Runtime.Sdk;

/// <summary>
/// The crypto the SDK needs (PROTOCOL.md §9.5-§9.6). Kept behind an interface so the SDK uses Delight.Protocol's
/// implementation (content keypair, NaCl box DEK unwrap) once it lands; <see cref="AesGcmSdkCrypto"/> covers the
/// AES-GCM envelope and the raw-key fallback.
/// </summary>
public interface ISdkCrypto
{
    /// <summary>The 32-byte session data key from the wrapped DEK the relay returns, or null when it cannot be opened.</summary>
    byte[]? UnwrapDataKey(ReadOnlySpan<byte> masterKey, string wrappedBase64);

    /// <summary>base64(0x00 ‖ nonce12 ‖ ciphertext ‖ tag16).</summary>
    string Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext);

    /// <summary>The plaintext, or null when the envelope does not open with <paramref name="key"/>.</summary>
    byte[]? Decrypt(ReadOnlySpan<byte> key, string envelopeBase64);
}

/// <summary>Nonces for AES-GCM. Injected: the simulation uses a deterministic source.</summary>
public interface INonceSource
{
    void Fill(Span<byte> nonce);
}

public sealed class RandomNonceSource : INonceSource
{
    public static RandomNonceSource Instance { get; } = new();

    public void Fill(Span<byte> nonce) => RandomNumberGenerator.Fill(nonce);
}

/// <summary>
/// The AES-256-GCM "dataKey" envelope, version 0 (PROTOCOL.md §9.6). The DEK unwrap here only implements the SDK's
/// raw fallback (a base64 32-byte key); the NaCl-box unwrap belongs to Delight.Protocol.
/// </summary>
public sealed class AesGcmSdkCrypto(INonceSource nonces) : ISdkCrypto
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public byte[]? UnwrapDataKey(ReadOnlySpan<byte> masterKey, string wrappedBase64)
    {
        var buffer = new byte[wrappedBase64.Length];
        return Convert.TryFromBase64String(wrappedBase64, buffer, out var n) && n == 32 ? buffer[..n] : null;
    }

    public string Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext)
    {
        var envelope = new byte[1 + NonceSize + plaintext.Length + TagSize];
        var nonce = envelope.AsSpan(1, NonceSize);
        nonces.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(1 + NonceSize, plaintext.Length), envelope.AsSpan(1 + NonceSize + plaintext.Length, TagSize));
        return Convert.ToBase64String(envelope);
    }

    public byte[]? Decrypt(ReadOnlySpan<byte> key, string envelopeBase64)
    {
        var buffer = new byte[envelopeBase64.Length];
        if (key.Length != 32 || !Convert.TryFromBase64String(envelopeBase64, buffer, out var n) || n < 1 + NonceSize + TagSize || buffer[0] != 0)
        {
            return null;
        }

        var length = n - 1 - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(buffer.AsSpan(1, NonceSize), buffer.AsSpan(1 + NonceSize, length), buffer.AsSpan(1 + NonceSize + length, TagSize), plaintext);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}

using Delight.Protocol.Crypto;

namespace Delight.Runtime.Sdk;

/// <summary>The crypto the SDK needs (PROTOCOL.md §9.5-§9.6), behind an interface so the simulation can count or
/// fault it. <see cref="ProtocolSdkCrypto"/> is the real one, on Delight.Protocol.</summary>
public interface ISdkCrypto
{
    /// <summary>The 32-byte session data key from the wrapped DEK the relay returns (NaCl box to the content key
    /// derived from the master key, with the SDK's raw-key fallback), or null when it cannot be opened.</summary>
    byte[]? UnwrapDataKey(ReadOnlySpan<byte> masterKey, string wrappedBase64);

    /// <summary>base64(0x00 ‖ nonce12 ‖ ciphertext ‖ tag16).</summary>
    string Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext);

    /// <summary>The plaintext, or null when the envelope does not open with <paramref name="key"/>.</summary>
    byte[]? Decrypt(ReadOnlySpan<byte> key, string envelopeBase64);
}

/// <summary>The SDK's crypto on Delight.Protocol: <see cref="WrappedDataKey"/> and <see cref="ContentCipher"/>.
/// Nonces come from the injected <see cref="IRandomSource"/> (seeded under the simulation).</summary>
public sealed class ProtocolSdkCrypto(IRandomSource random) : ISdkCrypto
{
    public static ProtocolSdkCrypto System { get; } = new(SystemRandomSource.Instance);

    public byte[]? UnwrapDataKey(ReadOnlySpan<byte> masterKey, string wrappedBase64)
    {
        if (masterKey.Length == 32)
        {
            var content = ContentKeyPair.FromMasterSecret(masterKey);
            return WrappedDataKey.TryUnwrapOrRaw(wrappedBase64, content.SecretKey, out var key, out _, out _) ? key : null;
        }

        // No master key yet: only the raw fallback can work.
        return CryptoEncoding.TryDecodeBase64(wrappedBase64, out var raw) && raw.Length == WrappedDataKey.DataKeyLength ? raw : null;
    }

    public string Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext)
    {
        using var cipher = new ContentCipher(key, random);
        return cipher.EncryptToBase64(plaintext);
    }

    public byte[]? Decrypt(ReadOnlySpan<byte> key, string envelopeBase64)
    {
        if (key.Length != ContentCipher.KeyLength)
        {
            return null;
        }

        using var cipher = new ContentCipher(key, random);
        return cipher.TryDecryptFromBase64(envelopeBase64, out byte[]? plaintext, out _) ? plaintext : null;
    }
}

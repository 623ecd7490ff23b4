using Delight.Protocol.Crypto;
using Delight.Runtime.Sdk;

namespace Delight.Transport.LiveCapture;

/// <summary>The phone's crypto on Delight.Protocol: the NaCl-box DEK unwrap with the content key derived from the
/// master secret (with the raw 32-byte fallback), and the AES-GCM envelope.</summary>
internal sealed class LiveSdkCrypto : ISdkCrypto
{
    public byte[]? UnwrapDataKey(ReadOnlySpan<byte> masterKey, string wrappedBase64)
    {
        var content = ContentKeyPair.FromMasterSecret(masterKey);
        return WrappedDataKey.TryUnwrapOrRaw(wrappedBase64, content.SecretKey, out var dataKey, out _, out _) ? dataKey : null;
    }

    public string Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext)
    {
        using var cipher = new ContentCipher(key, SystemRandomSource.Instance);
        return cipher.EncryptToBase64(plaintext);
    }

    public byte[]? Decrypt(ReadOnlySpan<byte> key, string envelopeBase64)
    {
        using var cipher = new ContentCipher(key, SystemRandomSource.Instance);
        return cipher.TryDecryptFromBase64(envelopeBase64, out var plaintext, out _) ? plaintext : null;
    }
}

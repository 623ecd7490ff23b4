using System.Diagnostics.CodeAnalysis;

namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.5, the NaCl box bundle: <c>ephemeralPublicKey(32) ‖ nonce(24) ‖ tag(16) ‖ ciphertext</c>, where
/// tag ‖ ciphertext is crypto_box "easy" output from a fresh ephemeral keypair to the recipient.
/// </summary>
public static class BoxBundle
{
    public const int EphemeralKeyLength = 32;
    public const int NonceLength = 24;
    public const int TagLength = 16;

    /// <summary>Ephemeral key and nonce: no bundle is shorter.</summary>
    public const int HeaderLength = EphemeralKeyLength + NonceLength;

    /// <summary>The shortest bundle that can carry a valid box (an empty plaintext).</summary>
    public const int MinimumLength = HeaderLength + TagLength;

    public static int GetSealedLength(int plaintextLength) => MinimumLength + plaintextLength;

    /// <summary>Seals to <paramref name="recipientPublicKey"/>; the ephemeral secret, then the nonce, come from <paramref name="random"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> recipientPublicKey, IRandomSource random)
    {
        var bundle = new byte[GetSealedLength(plaintext.Length)];
        Seal(plaintext, recipientPublicKey, random, bundle);
        return bundle;
    }

    /// <summary>Seals into <paramref name="destination"/> and returns the bundle length.</summary>
    public static int Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> recipientPublicKey, IRandomSource random, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (recipientPublicKey.Length != BoxKeyPair.KeyLength)
        {
            throw CryptoFailureException.For(CryptoFailureReason.InvalidKeyLength);
        }

        var length = GetSealedLength(plaintext.Length);
        if (destination.Length < length)
        {
            throw CryptoFailureException.For(CryptoFailureReason.DestinationTooSmall);
        }

        Span<byte> ephemeralSecret = stackalloc byte[BoxKeyPair.KeyLength];
        try
        {
            random.Fill(ephemeralSecret);
            var ephemeralPublic = destination[..EphemeralKeyLength];
            var nonce = destination.Slice(EphemeralKeyLength, NonceLength);
            if (!Sodium.ScalarMultBase(ephemeralPublic, ephemeralSecret))
            {
                throw CryptoFailureException.For(CryptoFailureReason.NativeLibraryFailure);
            }

            random.Fill(nonce);
            if (!Sodium.BoxEasy(destination[HeaderLength..length], plaintext, nonce, recipientPublicKey, ephemeralSecret))
            {
                throw CryptoFailureException.For(CryptoFailureReason.InvalidPublicKey);
            }
        }
        finally
        {
            ephemeralSecret.Clear();
        }

        return length;
    }

    /// <summary>Opens a bundle with the recipient's secret key; any tamper, truncation or wrong key is a typed reason.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> bundle, ReadOnlySpan<byte> recipientSecretKey,
        [NotNullWhen(true)] out byte[]? plaintext, out CryptoFailureReason reason)
    {
        plaintext = null;
        if (recipientSecretKey.Length != BoxKeyPair.KeyLength)
        {
            reason = CryptoFailureReason.InvalidKeyLength;
            return false;
        }

        if (bundle.Length < MinimumLength)
        {
            reason = CryptoFailureReason.TooShort;
            return false;
        }

        var ephemeralPublic = bundle[..EphemeralKeyLength];

        // X25519 ignores the top bit of a public key, so a flip there would still open. No honest sender sets it
        // (scalar multiplication never yields it), so refusing it keeps "every flipped bit fails" true at no cost.
        if ((ephemeralPublic[EphemeralKeyLength - 1] & 0x80) != 0)
        {
            reason = CryptoFailureReason.InvalidPublicKey;
            return false;
        }

        var nonce = bundle.Slice(EphemeralKeyLength, NonceLength);
        var boxed = bundle[HeaderLength..];
        var output = new byte[boxed.Length - TagLength];
        if (!Sodium.BoxOpenEasy(output, boxed, nonce, ephemeralPublic, recipientSecretKey))
        {
            reason = CryptoFailureReason.AuthenticationFailed;
            return false;
        }

        plaintext = output;
        reason = default;
        return true;
    }

    public static byte[] Open(ReadOnlySpan<byte> bundle, ReadOnlySpan<byte> recipientSecretKey) =>
        TryOpen(bundle, recipientSecretKey, out var plaintext, out var reason) ? plaintext : throw CryptoFailureException.For(reason);
}

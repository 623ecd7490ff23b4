namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.4: the content keypair that wraps and unwraps data-encryption keys. sk = the content seed with
/// X25519 clamping applied to the bytes; pk = X25519(sk, 9). Deliberately NOT libsodium's crypto_box_seed_keypair,
/// which hashes the seed with SHA-512 first (Happy's way) and yields a different key.
/// </summary>
public static class ContentKeyPair
{
    /// <summary>The content keypair of an account, from its masterSecret.</summary>
    public static BoxKeyPair FromMasterSecret(ReadOnlySpan<byte> masterSecret)
    {
        if (masterSecret.Length != 32)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"A masterSecret is 32 bytes, not {masterSecret.Length}.");
        }

        return FromSeed(KeyTree.DeriveContentSeed(masterSecret));
    }

    /// <summary>The content keypair of an already derived 32-byte content seed.</summary>
    public static BoxKeyPair FromSeed(ReadOnlySpan<byte> contentSeed)
    {
        if (contentSeed.Length != BoxKeyPair.KeyLength)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"A content seed is {BoxKeyPair.KeyLength} bytes, not {contentSeed.Length}.");
        }

        Span<byte> clamped = stackalloc byte[BoxKeyPair.KeyLength];
        Clamp(contentSeed, clamped);
        return BoxKeyPair.FromSecretKey(clamped);
    }

    /// <summary>X25519 clamping: sk[0] &amp;= 248; sk[31] &amp;= 127; sk[31] |= 64.</summary>
    public static void Clamp(ReadOnlySpan<byte> seed, Span<byte> destination)
    {
        seed.CopyTo(destination);
        destination[0] &= 248;
        destination[31] &= 127;
        destination[31] |= 64;
    }

    /// <summary>
    /// The public key libsodium's crypto_box_seed_keypair would derive from the same seed. Only for showing (in the
    /// vectors) that it differs: Delight never uses it.
    /// </summary>
    public static byte[] LibsodiumSeedKeyPairPublicKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != BoxKeyPair.KeyLength)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength, "A box seed is 32 bytes.");
        }

        var pk = new byte[BoxKeyPair.KeyLength];
        Span<byte> sk = stackalloc byte[BoxKeyPair.KeyLength];
        if (!Sodium.BoxSeedKeyPair(pk, sk, seed))
        {
            throw new CryptoFailureException(CryptoFailureReason.NativeLibraryFailure, "crypto_box_seed_keypair failed.");
        }

        sk.Clear();
        return pk;
    }
}

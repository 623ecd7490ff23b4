using System.Security.Cryptography;
using System.Text;

namespace Delight.Protocol.Crypto;

/// <summary>
/// An Ed25519 keypair from an RFC 8032 seed (§9.2): the account identity (seed = SHA-256(masterSecret)) and the
/// relay's JWT key (seed = SHA-256(UTF-8 of DELIGHT_MASTER_SECRET)).
/// </summary>
public sealed class Ed25519KeyPair
{
    public const int SeedLength = 32;
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    private readonly byte[] publicKey;
    private readonly byte[] secretKey;

    private Ed25519KeyPair(byte[] publicKey, byte[] secretKey)
    {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    public ReadOnlySpan<byte> PublicKey => publicKey;

    public string PublicKeyBase64 => CryptoEncoding.EncodeBase64(publicKey);

    /// <summary>Lowercase hex: how the relay keys accounts in its database.</summary>
    public string PublicKeyHex => CryptoEncoding.EncodeHex(publicKey);

    public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"An Ed25519 seed is {SeedLength} bytes, not {seed.Length}.");
        }

        var pk = new byte[Sodium.SignPublicKeyBytes];
        var sk = new byte[Sodium.SignSecretKeyBytes];
        if (!Sodium.SignSeedKeyPair(pk, sk, seed))
        {
            throw CryptoFailureException.For(CryptoFailureReason.NativeLibraryFailure);
        }

        return new Ed25519KeyPair(pk, sk);
    }

    /// <summary>The account keypair (§9.8): seed = SHA-256(masterSecret).</summary>
    public static Ed25519KeyPair ForAccount(ReadOnlySpan<byte> masterSecret)
    {
        if (masterSecret.Length != 32)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"A masterSecret is 32 bytes, not {masterSecret.Length}.");
        }

        Span<byte> seed = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(masterSecret, seed);
        try
        {
            return FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The relay's JWT signing key: seed = SHA-256(UTF-8 bytes of the DELIGHT_MASTER_SECRET string).</summary>
    public static Ed25519KeyPair ForServerJwt(string serverMasterSecret)
    {
        ArgumentNullException.ThrowIfNull(serverMasterSecret);
        Span<byte> seed = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(serverMasterSecret), seed);
        try
        {
            return FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[SignatureLength];
        if (!Sodium.SignDetached(signature, message, secretKey))
        {
            throw CryptoFailureException.For(CryptoFailureReason.NativeLibraryFailure);
        }

        return signature;
    }

    /// <summary>True only for a 64-byte signature by the 32-byte <paramref name="publicKey"/> over <paramref name="message"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength)
        {
            return false;
        }

        return Sodium.VerifyDetached(signature, message, publicKey);
    }
}

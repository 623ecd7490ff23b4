namespace Delight.Protocol.Crypto;

/// <summary>An X25519 keypair for NaCl box (the content keypair, a pairing keypair, a box bundle's ephemeral key).</summary>
public sealed class BoxKeyPair
{
    public const int KeyLength = 32;

    private readonly byte[] secretKey;
    private readonly byte[] publicKey;

    private BoxKeyPair(byte[] secretKey, byte[] publicKey)
    {
        this.secretKey = secretKey;
        this.publicKey = publicKey;
    }

    /// <summary>The secret key bytes exactly as given (the content keypair stores them clamped).</summary>
    public ReadOnlySpan<byte> SecretKey => secretKey;

    public ReadOnlySpan<byte> PublicKey => publicKey;

    public string PublicKeyBase64 => CryptoEncoding.EncodeBase64(publicKey);

    /// <summary>pk = X25519(sk, basepoint 9). X25519 clamps internally, so clamped and unclamped sk give the same pk.</summary>
    public static BoxKeyPair FromSecretKey(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != KeyLength)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"An X25519 secret key is {KeyLength} bytes, not {secretKey.Length}.");
        }

        var sk = secretKey.ToArray();
        return new BoxKeyPair(sk, PublicKeyOf(sk));
    }

    /// <summary>A fresh keypair whose secret comes from <paramref name="random"/> (the Go side uses box.GenerateKey).</summary>
    public static BoxKeyPair Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sk = new byte[KeyLength];
        random.Fill(sk);
        return new BoxKeyPair(sk, PublicKeyOf(sk));
    }

    internal static byte[] PublicKeyOf(ReadOnlySpan<byte> secretKey)
    {
        var pk = new byte[KeyLength];
        if (!Sodium.ScalarMultBase(pk, secretKey))
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength, "X25519 base-point multiplication failed.");
        }

        return pk;
    }
}

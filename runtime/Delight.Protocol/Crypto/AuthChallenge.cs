namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.8, challenge–response: sign the raw bytes of the base64 challenge with the account key; the
/// request body carries the public key and the signature as standard base64.
/// </summary>
public static class AuthChallenge
{
    /// <summary>Signs the decoded challenge. A challenge that is not strict base64 is a typed InvalidBase64 failure.</summary>
    public static AuthChallengeSignature Sign(Ed25519KeyPair account, string challengeBase64)
    {
        ArgumentNullException.ThrowIfNull(account);
        var challenge = CryptoEncoding.DecodeBase64(challengeBase64);
        return new AuthChallengeSignature(account.PublicKeyBase64, CryptoEncoding.EncodeBase64(account.Sign(challenge)));
    }

    /// <summary>The relay's check: the base64 signature is the base64 public key's signature over the base64 challenge.</summary>
    public static bool Verify(string publicKeyBase64, string challengeBase64, string signatureBase64) =>
        CryptoEncoding.TryDecodeAnyBase64(publicKeyBase64, out var publicKey)
        && CryptoEncoding.TryDecodeBase64(challengeBase64, out var challenge)
        && CryptoEncoding.TryDecodeBase64(signatureBase64, out var signature)
        && Ed25519KeyPair.Verify(publicKey, challenge, signature);
}

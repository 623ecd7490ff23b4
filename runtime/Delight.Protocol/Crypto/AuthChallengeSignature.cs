namespace Delight.Protocol.Crypto;

/// <summary>What `POST /v1/auth` needs from the crypto: the account public key and the signature, standard base64.</summary>
public sealed record AuthChallengeSignature(string PublicKey, string Signature);

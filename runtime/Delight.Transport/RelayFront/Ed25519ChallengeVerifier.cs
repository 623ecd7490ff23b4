using Delight.Protocol.Crypto;
using Delight.Runtime.Relay.Auth;

namespace Delight.Transport.RelayFront;

/// <summary>The relay's real check of an auth challenge signature (PROTOCOL.md §9.8), on the protocol's Ed25519.</summary>
public sealed class Ed25519ChallengeVerifier : IChallengeVerifier
{
    public static Ed25519ChallengeVerifier Instance { get; } = new();

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> signature)
    {
        try
        {
            return Ed25519KeyPair.Verify(publicKey, challenge, signature);
        }
        catch (CryptoFailureException)
        {
            return false; // a key or signature of the wrong length is a bad signature, not a crash
        }
    }
}

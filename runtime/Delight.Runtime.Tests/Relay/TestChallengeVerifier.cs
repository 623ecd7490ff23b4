using System.Security.Cryptography;
using Delight.Runtime.Relay.Auth;

namespace Delight.Runtime.Tests.Relay;

/// <summary>FAKE signature scheme for tests only: signature = SHA-256(publicKey ‖ challenge). The real Ed25519
/// verifier comes from Delight.Protocol.</summary>
public sealed class TestChallengeVerifier : IChallengeVerifier
{
    public static byte[] Sign(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> challenge) =>
        SHA256.HashData([.. publicKey, .. challenge]);

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> signature) =>
        signature.SequenceEqual(Sign(publicKey, challenge));
}

/// <summary>Deterministic bytes for tests.</summary>
public sealed class CountingRandom : IRelayRandom
{
    private byte _next;

    public void Fill(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _next++;
        }
    }
}

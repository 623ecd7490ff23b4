namespace Delight.Runtime.Relay.Auth;

/// <summary>Checks the Ed25519 signature of an auth challenge (PROTOCOL.md §9.8). The real implementation comes
/// from Delight.Protocol's crypto; tests and the simulation may inject their own.</summary>
public interface IChallengeVerifier
{
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> signature);
}

namespace Delight.Runtime.Relay.Auth;

/// <summary>Random bytes (auth challenges). Injected: the simulation uses a seeded source.</summary>
public interface IRelayRandom
{
    void Fill(Span<byte> buffer);
}

/// <summary>Production randomness.</summary>
public sealed class CryptoRelayRandom : IRelayRandom
{
    public static CryptoRelayRandom Instance { get; } = new();

    public void Fill(Span<byte> buffer) => System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
}

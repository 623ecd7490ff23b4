using System.Security.Cryptography;

namespace Delight.Protocol.Crypto;

/// <summary>The production random source: the platform CSPRNG.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static SystemRandomSource Instance { get; } = new();

    private SystemRandomSource()
    {
    }

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}

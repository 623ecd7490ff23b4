namespace Delight.Protocol.Crypto;

/// <summary>
/// Where nonces, ephemeral keys and generated keys come from. Injected so that tests, the vector verifier and the
/// simulation are deterministic; production uses <see cref="SystemRandomSource"/>.
/// </summary>
public interface IRandomSource
{
    void Fill(Span<byte> destination);
}

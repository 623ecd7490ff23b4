using System.Security.Cryptography;
using System.Text;

namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.3, the HMAC-SHA512 key derivation tree:
/// root <c>I = HMAC-SHA512(UTF8(usage + " Master Seed"), seed)</c>, child
/// <c>I = HMAC-SHA512(chain, 0x00 ‖ UTF8(index))</c>; key = I[0..32), chain = I[32..64).
/// </summary>
public static class KeyTree
{
    /// <summary>The usage string of the content key (Happy used "Happy EnCoder"; outputs differ).</summary>
    public const string ContentUsage = "Delight EnCoder";

    /// <summary>The path of the content key under <see cref="ContentUsage"/>.</summary>
    public static IReadOnlyList<string> ContentPath { get; } = ["content"];

    private const int HalfLength = 32;

    public static KeyTreeNode Root(ReadOnlySpan<byte> seed, string usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var hmacKey = Encoding.UTF8.GetBytes(usage + " Master Seed");
        return Split(hmacKey, seed);
    }

    public static KeyTreeNode Child(KeyTreeNode parent, string index)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(index);
        var message = new byte[1 + Encoding.UTF8.GetByteCount(index)];
        message[0] = 0x00;
        Encoding.UTF8.GetBytes(index, message.AsSpan(1));
        return Split(parent.Chain.Span, message);
    }

    /// <summary>Walks the path from the root and returns the final node.</summary>
    public static KeyTreeNode DeriveNode(ReadOnlySpan<byte> seed, string usage, IEnumerable<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = Root(seed, usage);
        foreach (var index in path)
        {
            node = Child(node, index);
        }

        return node;
    }

    /// <summary>Derive(seed, usage, path) = the final node's key.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> seed, string usage, IEnumerable<string> path) =>
        DeriveNode(seed, usage, path).Key.ToArray();

    /// <summary>The content seed: Derive(masterSecret, "Delight EnCoder", ["content"]).</summary>
    public static byte[] DeriveContentSeed(ReadOnlySpan<byte> masterSecret) => Derive(masterSecret, ContentUsage, ContentPath);

    private static KeyTreeNode Split(ReadOnlySpan<byte> hmacKey, ReadOnlySpan<byte> message)
    {
        Span<byte> output = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(hmacKey, message, output);
        var node = new KeyTreeNode(output[..HalfLength].ToArray(), output[HalfLength..].ToArray());
        CryptographicOperations.ZeroMemory(output);
        return node;
    }
}

namespace Delight.Protocol.Crypto;

/// <summary>One node of the HMAC-SHA512 key tree: the 32-byte key and the 32-byte chain code its children use.</summary>
public sealed class KeyTreeNode
{
    internal KeyTreeNode(byte[] key, byte[] chain)
    {
        Key = key;
        Chain = chain;
    }

    public ReadOnlyMemory<byte> Key { get; }

    public ReadOnlyMemory<byte> Chain { get; }
}

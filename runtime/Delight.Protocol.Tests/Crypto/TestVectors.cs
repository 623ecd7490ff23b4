using Delight.Protocol.Crypto;
using Delight.Protocol.Crypto.Vectors;

namespace Delight.Protocol.Tests.Crypto;

/// <summary>The bundled crypto-vectors.json (copied from the spec's test data) and the inputs tests use most.</summary>
internal static class TestVectors
{
    private static readonly Lazy<CryptoVectorFile> Loaded = new(() => CryptoVectorFileParser.Parse(System.IO.File.ReadAllBytes(Path)));

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "crypto", "crypto-vectors.json");

    public static CryptoVectorFile File => Loaded.Value;

    public static byte[] MasterSecret => Convert.FromHexString(File.Inputs.MasterSecretHex);

    public static byte[] DataKey => Convert.FromHexString(File.Inputs.DataEncryptionKeyHex);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    /// <summary>The byte range [start, start+count) as bytes — how the spec describes its inputs ("bytes 100..131").</summary>
    public static byte[] Range(int start, int count) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();

    public static byte[] RandomBytes(IRandomSource random, int length)
    {
        var bytes = new byte[length];
        random.Fill(bytes);
        return bytes;
    }
}

namespace Delight.Sim.Cli.Commands.Crypto;

/// <summary>The crypto-vectors.json shipped inside delight-sim (embedded), used when no FILE is given.</summary>
internal static class BundledVectors
{
    public const string ResourceName = "Delight.Sim.Cli.crypto-vectors.json";

    /// <summary>How the bundled file is named in messages.</summary>
    public const string DisplayName = "(bundled crypto-vectors.json)";

    public static byte[] Read()
    {
        using var stream = typeof(BundledVectors).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"delight-sim was built without its embedded resource {ResourceName}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

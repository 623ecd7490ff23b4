using System.CommandLine;
using System.Security;
using Delight.Protocol.Crypto;
using Delight.Protocol.Crypto.Vectors;

namespace Delight.Sim.Cli.Commands.Crypto;

/// <summary>
/// `delight-sim crypto verify-vectors [FILE]`: checks every vector of a crypto-vectors.json-format file, one line per
/// vector, then "N passed, N failed". Exit 0 all pass, 1 any fails, 2 the file cannot be read or is not that format.
/// </summary>
internal static class VerifyVectorsCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUnreadable = 2;

    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "A file in the crypto-vectors.json format. Omit it to check the vectors bundled with delight-sim.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("verify-vectors",
            "Check every vector (key derivation, content keypair, DEK wrap and unwrap, AES-GCM, Ed25519 signature, pairing, " +
            "JWT, legacy secretbox): one line per vector with pass or fail and why, then 'N passed, N failed'. " +
            "Exit 0 when all pass, 1 when any fails, 2 when the file cannot be read or is not a crypto-vectors file.");
        command.Arguments.Add(file);
        command.SetAction(parseResult => parseResult.GetValue(file) is { } path
            ? Run(path, Console.Out, Console.Error)
            : RunBundled(Console.Out, Console.Error));
        return command;
    }

    /// <summary>Checks the vectors in <paramref name="path"/>.</summary>
    public static int Run(string path, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            error.WriteLine($"crypto verify-vectors: cannot read {path}: {e.Message}");
            return ExitUnreadable;
        }

        return Verify(bytes, path, output, error);
    }

    /// <summary>Checks the vectors bundled with delight-sim.</summary>
    public static int RunBundled(TextWriter output, TextWriter error) =>
        Verify(BundledVectors.Read(), BundledVectors.DisplayName, output, error);

    private static int Verify(byte[] json, string source, TextWriter output, TextWriter error)
    {
        CryptoVectorFile file;
        try
        {
            file = CryptoVectorFileParser.Parse(json);
        }
        catch (CryptoVectorFormatException e)
        {
            error.WriteLine($"crypto verify-vectors: {source}: {e.Message}");
            return ExitUnreadable;
        }

        IReadOnlyList<CryptoVectorResult> results;
        try
        {
            results = CryptoVectorVerifier.Verify(file);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or CryptoFailureException)
        {
            // Only a missing or broken native libsodium gets here; individual vector failures are results.
            error.WriteLine($"crypto verify-vectors: libsodium is not usable on this machine: {e.Message}");
            return ExitFailed;
        }

        foreach (var result in results)
        {
            output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")}  {result.Name} ({result.Kind}): {result.Detail}");
        }

        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed == 0 ? ExitOk : ExitFailed;
    }
}

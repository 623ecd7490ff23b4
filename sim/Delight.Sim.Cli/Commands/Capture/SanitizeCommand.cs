using System.CommandLine;
using Delight.Runtime.Capture;
using Delight.Runtime.Capture.Sanitizing;

namespace Delight.Sim.Cli.Commands.Capture;

/// <summary>
/// `delight-sim capture sanitize IN OUT`: allowlist sanitizing. Tokens, keys, wrapped DEKs, ciphertext, message
/// text, tool input and output and paths become stable placeholders; ids become pseudonyms. Sanitizing twice changes
/// nothing. Exit 0 written, 1 the input is not a valid capture (line and field named), 2 a file cannot be opened.
/// </summary>
internal static class SanitizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The capture to sanitize (JSON Lines)." };
        var output = new Argument<string>("OUT") { Description = "Where to write the sanitized capture (may not be IN)." };
        var command = new Command("sanitize",
            "Strip secrets from a capture by allowlist: only known structural fields keep their values; text, tokens, keys, " +
            "ciphertext and paths become stable placeholders and ids become pseudonyms (equal values stay equal). " +
            "Exit 0 when written, 1 when IN is not a valid capture, 2 when a file cannot be opened.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string inputPath, string outputPath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
        {
            error.WriteLine("capture sanitize: OUT must differ from IN (the original is never overwritten)");
            return 2;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(inputPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"capture sanitize: cannot read {inputPath}: {e.Message}");
            return 2;
        }

        List<string> sanitized;
        try
        {
            sanitized = [.. new CaptureSanitizer().SanitizeLines(lines)];
            CaptureReader.Read(new StringReader(string.Join('\n', sanitized))); // the result must still be a capture
        }
        catch (CaptureFormatException e)
        {
            error.WriteLine($"capture sanitize: {inputPath}: {e.Message}");
            return 1;
        }

        try
        {
            File.WriteAllLines(outputPath, sanitized);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"capture sanitize: cannot write {outputPath}: {e.Message}");
            return 2;
        }

        output.WriteLine($"sanitized {sanitized.Count - 1} record(s) from {inputPath} into {outputPath}");
        return 0;
    }
}

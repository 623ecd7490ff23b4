using System.Text.RegularExpressions;
using Delight.Runtime.Capture.Schema;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Captures;

/// <summary>captures/FORMAT.md is a contract: its example lines must be valid captures lines.</summary>
public sealed partial class FormatDocumentTests
{
    [GeneratedRegex("```jsonl\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonlBlock();

    [NUnit.Framework.Test]
    public void Every_example_line_in_FORMAT_md_matches_the_schema()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "captures", "FORMAT.md");
        var blocks = JsonlBlock().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.That(blocks, Has.Count.EqualTo(2), "FORMAT.md has one header example block and one record example block");

        // The header block, followed by the record block, forms one capture.
        var lines = blocks[0].Split('\n').Concat(blocks[1].Split('\n')).ToList();
        Assert.That(lines, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(CaptureSchema.Validate(lines), Is.Empty);
    }
}

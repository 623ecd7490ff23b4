using System.Security.Cryptography;
using System.Text;
using Delight.Transport.LiveCapture;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.LiveCapture;

[TestFixture]
public sealed class MasterSecretFileTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    private static IEnumerable<TestCaseData> Encodings()
    {
        yield return new TestCaseData(Encoding.ASCII.GetBytes(Convert.ToBase64String(Secret) + "\n")).SetName("base64 with a newline");
        yield return new TestCaseData(Encoding.ASCII.GetBytes(Convert.ToBase64String(Secret).TrimEnd('=').Replace('+', '-').Replace('/', '_'))).SetName("unpadded base64url");
        yield return new TestCaseData(Encoding.ASCII.GetBytes(Convert.ToHexString(Secret))).SetName("upper-case hex");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("  " + Convert.ToHexStringLower(Secret) + "\r\n")).SetName("lower-case hex with spaces");
        yield return new TestCaseData(Secret).SetName("raw 32 bytes");
    }

    [TestCaseSource(nameof(Encodings))]
    public void Reads_the_secret_in_every_accepted_encoding(byte[] content)
    {
        Assert.That(MasterSecretFile.Parse(content), Is.EqualTo(Secret));
    }

    [NUnit.Framework.TestCase("not a secret at all")]
    [NUnit.Framework.TestCase("")]
    [NUnit.Framework.TestCase("AAAA")]
    public void Text_that_is_not_32_bytes_is_refused(string text)
    {
        Assert.That(MasterSecretFile.Parse(Encoding.ASCII.GetBytes(text)), Is.Null);
    }

    [NUnit.Framework.Test]
    public void Raw_bytes_of_another_length_are_refused()
    {
        Assert.That(MasterSecretFile.Parse(RandomNumberGenerator.GetBytes(31)), Is.Null);
        Assert.That(MasterSecretFile.Parse(RandomNumberGenerator.GetBytes(33).Select(b => (byte)(b | 0x80)).ToArray()), Is.Null);
    }

    [NUnit.Framework.Test]
    public void A_bad_file_error_names_the_file_but_not_its_content()
    {
        var path = Path.Combine(Path.GetTempPath(), "liverec-bad-secret-" + Environment.ProcessId + ".txt");
        File.WriteAllText(path, "hunter2-is-not-a-key");
        try
        {
            var error = Assert.Throws<MasterSecretFileException>(() => MasterSecretFile.Read(path))!;
            Assert.That(error.Message, Does.Contain(path).And.Not.Contain("hunter2"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

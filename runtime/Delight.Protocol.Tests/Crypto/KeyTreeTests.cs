using System.Text;
using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class KeyTreeTests
{
    [Test]
    public void Root_node_matches_the_vector()
    {
        var root = KeyTree.Root(TestVectors.MasterSecret, KeyTree.ContentUsage);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(root.Key.Span), Is.EqualTo(TestVectors.File.DeriveKey.RootKeyHex));
            Assert.That(Convert.ToHexStringLower(root.Chain.Span), Is.EqualTo(TestVectors.File.DeriveKey.RootChainHex));
        });
    }

    [Test]
    public void Content_seed_matches_the_vector_and_the_spec_prose()
    {
        var seed = KeyTree.DeriveContentSeed(TestVectors.MasterSecret);

        Assert.That(Convert.ToHexStringLower(seed), Is.EqualTo("2faeb34a72dc6c88f6dfef14d4d3a0aae33331619eec3bd7eba7d5b8b9207fcd"));
        Assert.That(Convert.ToHexStringLower(KeyTree.DeriveNode(TestVectors.MasterSecret, "Delight EnCoder", ["content"]).Chain.Span),
            Is.EqualTo(TestVectors.File.DeriveKey.ContentChainHex));
    }

    [Test]
    public void Root_hmac_key_is_usage_plus_master_seed()
    {
        // The 27 ASCII bytes "Delight EnCoder Master Seed" key the root HMAC.
        var expected = System.Security.Cryptography.HMACSHA512.HashData(
            Encoding.ASCII.GetBytes("Delight EnCoder Master Seed"), TestVectors.MasterSecret);

        Assert.That(KeyTree.Root(TestVectors.MasterSecret, "Delight EnCoder").Key.ToArray(), Is.EqualTo(expected[..32]));
    }

    [Test]
    public void Happy_usage_gives_a_different_key()
    {
        var happy = KeyTree.Derive(TestVectors.MasterSecret, "Happy EnCoder", ["content"]);

        Assert.That(happy, Is.Not.EqualTo(KeyTree.DeriveContentSeed(TestVectors.MasterSecret)));
    }

    [Test]
    public void Each_path_element_changes_the_key()
    {
        var one = KeyTree.Derive(TestVectors.MasterSecret, "u", ["a"]);
        var two = KeyTree.Derive(TestVectors.MasterSecret, "u", ["a", "b"]);
        var empty = KeyTree.Derive(TestVectors.MasterSecret, "u", []);

        Assert.That(new[] { one, two, empty }.Select(Convert.ToHexString).Distinct().Count(), Is.EqualTo(3));
        Assert.That(empty, Is.EqualTo(KeyTree.Root(TestVectors.MasterSecret, "u").Key.ToArray()));
    }
}

using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Explore;

/// <summary>Shard arithmetic, parsing and the per-iteration seed.</summary>
[TestFixture]
public sealed class ShardTests
{
    [TestCase("1/1", 1, 1)]
    [TestCase("2/4", 2, 4)]
    [TestCase(" 4/4 ", 4, 4)]
    [TestCase("7/10", 7, 10)]
    public void ValidShardsParse(string text, int index, int count)
    {
        Assert.That(Shard.TryParse(text, out var shard, out var error), Is.True, error);
        Assert.That((shard.Index, shard.Count), Is.EqualTo((index, count)));
        Assert.That(shard.ToString(), Is.EqualTo($"{index}/{count}"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("3")]
    [TestCase("0/4")]
    [TestCase("5/4")]
    [TestCase("1/0")]
    [TestCase("-1/4")]
    [TestCase("1/-4")]
    [TestCase("a/b")]
    [TestCase("1/2/3")]
    [TestCase("1.5/4")]
    public void InvalidShardsAreRefusedWithAReason(string? text)
    {
        Assert.That(Shard.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("--shard"));
    }

    [NUnit.Framework.Test]
    public void TheConstructorRefusesAnOutOfRangeShard()
    {
        Assert.That(() => new Shard(0, 3), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new Shard(4, 3), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(1, 1)]
    [TestCase(10, 3)]
    [TestCase(300, 4)]
    [TestCase(7, 8)]
    [TestCase(0, 2)]
    public void ShardsPartitionTheIterations(int total, int count)
    {
        var shards = Enumerable.Range(1, count).Select(i => new Shard(i, count)).ToList();
        var all = shards.SelectMany(s => s.IterationsOf(total)).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all.Order(), Is.EqualTo(Enumerable.Range(1, total)));
        foreach (var shard in shards)
        {
            Assert.That(shard.CountOf(total), Is.EqualTo(shard.IterationsOf(total).Count()), shard.ToString());
            Assert.That(shard.IterationsOf(total).All(shard.Owns), Is.True, shard.ToString());
            Assert.That(shard.IterationsOf(total), Is.Ordered);
        }

        Assert.That(Enumerable.Range(1, total).All(n => shards.Count(s => s.Owns(n)) == 1), Is.True);
    }

    [NUnit.Framework.Test]
    public void IterationNumberNBelongsToShardNMinusOneModCountPlusOne()
    {
        Assert.That(new Shard(1, 4).IterationsOf(10), Is.EqualTo(new[] { 1, 5, 9 }));
        Assert.That(new Shard(4, 4).IterationsOf(10), Is.EqualTo(new[] { 4, 8 }));
        Assert.That(new Shard(2, 4).Owns(6), Is.True);
        Assert.That(new Shard(2, 4).Owns(0), Is.False);
    }

    [NUnit.Framework.Test]
    public void IterationSeedsDependOnSeedAndIterationOnly()
    {
        var first = IterationSeed.For(1, 5);
        var again = IterationSeed.For(1, 5);
        Assert.That(again, Is.EqualTo(first));
        var seeds = Enumerable.Range(1, 1000).Select(n => IterationSeed.For(1, n)).ToList();
        Assert.That(seeds, Is.Unique);
        Assert.That(IterationSeed.For(2, 5), Is.Not.EqualTo(IterationSeed.For(1, 5)));
    }
}

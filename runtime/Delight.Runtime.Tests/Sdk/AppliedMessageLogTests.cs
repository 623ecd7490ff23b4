using Delight.Runtime.Sdk;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Sdk;

public sealed class AppliedMessageLogTests
{
    [Test]
    public void DuplicatesAndReorderingNeverApplyTwiceOrOutOfOrder()
    {
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var n = random.Next(1, 30);
            var deliveries = Enumerable.Range(1, n).SelectMany(seq => Enumerable.Repeat(seq, random.Next(1, 4))).OrderBy(_ => random.Next()).ToList();
            var log = AppliedMessageLog.Empty;
            var appliedOrder = new List<long>();
            foreach (var seq in deliveries)
            {
                (log, var newly) = log.Offer(new AppliedMessage(seq, "m" + seq, null, "{}", 0));
                appliedOrder.AddRange(newly.Select(m => m.Seq));
                Assert.That(log.Applied.Select(m => m.Seq), Is.EqualTo(Enumerable.Range(1, (int)log.AppliedThrough).Select(i => (long)i)));
            }

            Assert.That(appliedOrder, Is.EqualTo(Enumerable.Range(1, n).Select(i => (long)i)));
            Assert.That(log.Waiting, Is.Empty);
        }
    }

    [Test]
    public void AMessageAboveAGapWaitsUntilTheGapIsFilled()
    {
        var (log, newly) = AppliedMessageLog.Empty.Offer(new AppliedMessage(2, "b", null, "{}", 0));
        Assert.That((newly.Length, log.AppliedThrough, log.Waiting.Count), Is.EqualTo((0, 0L, 1)));
        (log, newly) = log.Offer(new AppliedMessage(1, "a", null, "{}", 0));
        Assert.That(newly.Select(m => m.Id), Is.EqualTo(new[] { "a", "b" }));
    }
}

using Delight.Runtime.Mailbox;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Mailbox;

/// <summary>The simulation's clock driver tells a busy world from a quiet one by this counter: every post and every
/// receive on a counted mailbox must move it, and nothing else may.</summary>
[TestFixture]
public sealed class MailboxActivityTests
{
    [Test]
    public void Posts_and_receives_tick_the_activity_of_the_factory_that_made_the_mailbox()
    {
        var activity = new MailboxActivity();
        var mailbox = new SimulationMailboxFactory(activity).Create<int>(new MailboxOptions("counted", 4));

        Assert.That(mailbox.TryPost(1), Is.True);
        Assert.That(activity.Ticks, Is.EqualTo(1));
        Assert.That(mailbox.TryReceive(out var item), Is.True);
        Assert.That((item, activity.Ticks), Is.EqualTo((1, 2L)));
        Assert.That(mailbox.TryReceive(out _), Is.False);
        Assert.That(activity.Ticks, Is.EqualTo(2), "an empty receive is not activity");
    }

    [Test]
    public void The_shared_factory_counts_nothing_and_two_worlds_do_not_share_a_counter()
    {
        var first = new MailboxActivity();
        var second = new MailboxActivity();
        new SimulationMailboxFactory(first).Create<int>(new MailboxOptions("a", 4)).TryPost(1);
        SimulationMailboxFactory.Instance.Create<int>(new MailboxOptions("b", 4)).TryPost(1);

        Assert.That((first.Ticks, second.Ticks), Is.EqualTo((1L, 0L)));
        Assert.That(SimulationMailboxFactory.Instance.Activity, Is.Null);
    }
}

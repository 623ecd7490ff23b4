using Delight.Runtime.Mailbox;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Mailbox;

/// <summary>The one contract every mailbox implementation keeps; one derived fixture per implementation.</summary>
public abstract class MailboxContractTests
{
    protected abstract IMailbox<int> Create(int capacity, MailboxFullMode fullMode = MailboxFullMode.Wait);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Items_come_out_in_the_order_they_went_in()
    {
        var mailbox = Create(16);
        for (var i = 0; i < 10; i++)
        {
            await mailbox.PostAsync(i);
        }

        var received = new List<int>();
        while (mailbox.TryReceive(out var item))
        {
            received.Add(item);
        }

        Assert.That(received, Is.EqualTo(Enumerable.Range(0, 10)));
    }

    [Test]
    public async Task A_full_mailbox_makes_the_poster_wait_until_there_is_room()
    {
        var mailbox = Create(2);
        await mailbox.PostAsync(1);
        await mailbox.PostAsync(2);
        Assert.That(mailbox.TryPost(3), Is.False, "TryPost reports a full mailbox");

        var pending = mailbox.PostAsync(3).AsTask();
        await Task.Delay(50);
        Assert.That(pending.IsCompleted, Is.False, "the poster waits while the mailbox is full");

        Assert.That(mailbox.TryReceive(out var first), Is.True);
        await pending.WaitAsync(Bound);
        var rest = new List<int>();
        while (mailbox.TryReceive(out var item))
        {
            rest.Add(item);
        }

        Assert.That(first, Is.EqualTo(1));
        Assert.That(rest, Is.EqualTo(new[] { 2, 3 }), "nothing was dropped");
    }

    [Test]
    public async Task A_full_mailbox_in_fail_mode_fails_loudly()
    {
        var mailbox = Create(1, MailboxFullMode.Fail);
        await mailbox.PostAsync(1);
        var error = Assert.ThrowsAsync<MailboxFullException>(async () => await mailbox.PostAsync(2));
        Assert.That(error!.Message, Does.Contain("full"));
        Assert.That(mailbox.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Complete_lets_the_reader_drain_then_reports_the_end()
    {
        var mailbox = Create(4);
        await mailbox.PostAsync(7);
        mailbox.Complete();

        Assert.That(await mailbox.WaitToReceiveAsync().AsTask().WaitAsync(Bound), Is.True);
        Assert.That(mailbox.TryReceive(out var item), Is.True);
        Assert.That(item, Is.EqualTo(7));
        Assert.That(await mailbox.WaitToReceiveAsync().AsTask().WaitAsync(Bound), Is.False);
        Assert.Throws<MailboxClosedException>(() => mailbox.TryPost(8));
    }

    [Test]
    public async Task A_waiting_reader_wakes_when_an_item_arrives()
    {
        var mailbox = Create(4);
        var wait = mailbox.WaitToReceiveAsync().AsTask();
        Assert.That(wait.IsCompleted, Is.False);
        await mailbox.PostAsync(42);
        Assert.That(await wait.WaitAsync(Bound), Is.True);
        Assert.That(mailbox.TryReceive(out var item) && item == 42, Is.True);
    }

    [Test]
    public async Task Many_producers_deliver_every_item_once_and_keep_each_producers_order()
    {
        const int producers = 4;
        const int perProducer = 500;
        var mailbox = Create(8);
        var posting = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                await mailbox.PostAsync((p * 100_000) + i);
            }
        })).ToArray();

        var received = new List<int>();
        var reader = Task.Run(async () =>
        {
            while (received.Count < producers * perProducer && await mailbox.WaitToReceiveAsync())
            {
                while (mailbox.TryReceive(out var item))
                {
                    received.Add(item);
                }
            }
        });

        await Task.WhenAll(posting).WaitAsync(Bound);
        await reader.WaitAsync(Bound);

        Assert.That(received, Has.Count.EqualTo(producers * perProducer));
        Assert.That(received.Distinct().Count(), Is.EqualTo(producers * perProducer));
        for (var p = 0; p < producers; p++)
        {
            var mine = received.Where(x => x / 100_000 == p).ToList();
            Assert.That(mine, Is.Ordered, $"producer {p} order");
        }
    }

    [Test]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(0));
    }
}

public sealed class ChannelMailboxTests : MailboxContractTests
{
    protected override IMailbox<int> Create(int capacity, MailboxFullMode fullMode = MailboxFullMode.Wait) =>
        new ChannelMailbox<int>(new MailboxOptions("test", capacity, fullMode));
}

public sealed class SimulationMailboxTests : MailboxContractTests
{
    protected override IMailbox<int> Create(int capacity, MailboxFullMode fullMode = MailboxFullMode.Wait) =>
        new SimulationMailbox<int>(new MailboxOptions("test", capacity, fullMode));
}

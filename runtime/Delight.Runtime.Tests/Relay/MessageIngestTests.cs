using System.Text.Json;
using Delight.Runtime.Relay.Http;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

public sealed class MessageIngestTests
{
    [Test]
    public async Task SeqIsGapFreeAndIncreasingUnderConcurrentProducers()
    {
        // A tiny ingest queue makes producers wait for room (backpressure) instead of dropping.
        await using var relay = new RelayHarness(inboxCapacity: 4);
        var sid = await relay.CreateSessionAsync();
        var phone = await relay.UserAsync();
        const int producers = 6;
        const int perProducer = 40;
        var senders = new List<FakeRelayConnection>();
        for (var p = 0; p < producers; p++)
        {
            senders.Add(p % 2 == 0 ? await relay.SessionSocketAsync(sid) : await relay.UserAsync());
        }

        await Task.WhenAll(senders.Select((sender, p) => Task.Run(async () =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                var outcome = await relay.EmitAsync(sender, "message", new { sid, localId = $"p{p}-{i}", message = $"ct-{p}-{i}" });
                Assert.That(outcome.Accepted, Is.True);
            }
        })));

        var total = producers * perProducer;
        var page = (MessagesBody)(await relay.HttpAsync(new ListMessagesRequest(sid, Limit: 500))).Body;
        Assert.That(page.Messages.Select(m => m.Seq), Is.EqualTo(Enumerable.Range(1, total).Select(i => (long)i)));

        // Each producer's own messages keep their order in the session.
        for (var p = 0; p < producers; p++)
        {
            var mine = page.Messages.Where(m => m.LocalId!.StartsWith($"p{p}-", StringComparison.Ordinal)).Select(m => m.LocalId).ToList();
            Assert.That(mine, Is.EqualTo(Enumerable.Range(0, perProducer).Select(i => $"p{p}-{i}")));
        }

        // The phone (not a sender) sees every message, in seq order, with increasing update seqs.
        await RelayHarness.EventuallyAsync(() => phone.Payloads("update").Count(u => u.GetProperty("body").GetProperty("t").GetString() == "new-message") == total, "all new-message updates");
        var updates = phone.Payloads("update").Where(u => u.GetProperty("body").GetProperty("t").GetString() == "new-message").ToList();
        Assert.That(updates.Select(u => u.GetProperty("body").GetProperty("message").GetProperty("seq").GetInt64()), Is.Ordered.Ascending);
        Assert.That(updates.Select(u => u.GetProperty("seq").GetInt64()), Is.Ordered.Ascending.And.Unique);
    }

    [Test]
    public async Task DuplicateLocalIdConsumesNoSeqAndEmitsNothing()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        var phone = await relay.UserAsync();
        await relay.EmitAsync(phone, "message", new { sid, localId = "L1", message = "a" });
        await relay.EmitAsync(phone, "message", new { sid, localId = "L1", message = "a-again" });
        await relay.EmitAsync(phone, "message", new { sid, localId = "L2", message = "b" });
        await relay.SettleAsync();

        var page = (MessagesBody)(await relay.HttpAsync(new ListMessagesRequest(sid))).Body;
        Assert.That(page.Messages.Select(m => (m.Seq, m.Content.C)), Is.EqualTo(new[] { (1L, "a"), (2L, "b") }));
        await RelayHarness.EventuallyAsync(() => cli.Payloads("update").Count == 2, "two updates at the CLI");
        Assert.That(phone.Payloads("update").Where(u => u.GetProperty("body").GetProperty("t").GetString() == "new-message"), Is.Empty, "sender skipped");
    }

    [Test]
    public async Task MessageWithoutSidUsesTheSocketSessionAndUnknownSessionIsReportedNotCrashed()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(cli, "message", new { message = "from-cli" });
        await relay.EmitAsync(cli, "message", new { sid = "nope", message = "lost" });
        var bad = await relay.EmitAsync(cli, "message", "{\"sid\":1,\"message\":{\"x\":1}}");
        Assert.That(bad.Accepted, Is.False);
        await relay.SettleAsync();
        var session = relay.Server.GetAccount(RelayHarness.Account).State.Sessions[sid];
        Assert.That(session.Messages.Select(m => m.Ciphertext), Is.EqualTo(new[] { "from-cli" }));
    }

    [Test]
    public async Task UpdateSeqIsPerAccountAcrossSessionsAndAccountsAreIndependent()
    {
        await using var relay = new RelayHarness();
        var s1 = await relay.CreateSessionAsync("t1", "t1:claude");
        var s2 = await relay.CreateSessionAsync("t2", "t2:claude");
        var phone = await relay.UserAsync();
        var other = await relay.UserAsync("acct-2");
        var before = relay.Server.GetAccount(RelayHarness.Account).State.UserSeq;
        var sender = await relay.SessionSocketAsync(s1);
        for (var i = 0; i < 5; i++)
        {
            await relay.EmitAsync(sender, "message", new { sid = i % 2 == 0 ? s1 : s2, message = "m" + i });
        }

        await relay.SettleAsync();
        await RelayHarness.EventuallyAsync(() => phone.Payloads("update").Count == 5, "five updates");
        var seqs = phone.Payloads("update").Select(u => u.GetProperty("seq").GetInt64()).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, 5).Select(i => before + i)));
        Assert.That(other.Payloads("update"), Is.Empty);
        Assert.That(relay.Server.GetAccount("acct-2").State.UserSeq, Is.Zero);
        Assert.That(relay.Store.GetAccount(RelayHarness.Account)!.UserSeq, Is.EqualTo(before + 5), "persisted behind the runtime");
    }
}

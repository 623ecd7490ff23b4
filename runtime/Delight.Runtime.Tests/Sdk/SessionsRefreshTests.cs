using System.Net;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Sdk;

/// <summary>
/// The session list the SDK fetches on every connect is retried while the connection lasts (found by the simulation,
/// S6 seed 9: the phone's list after a reconnect failed twice, and it never learned the session's key or agent state).
/// The relay's clock is manual: the tests move it in one-second steps until the SDK has acted.
/// </summary>
[TestFixture]
public sealed class SessionsRefreshTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_failed_list_after_connect_is_retried_with_a_doubling_delay_until_it_succeeds()
    {
        var failing = new FailingSessionsList(failures: 2);
        await using var world = await SdkWorld.CreateAsync(wrapHttp: failing.Wrap, listAfterConnect: false);
        var sid = world.Sessions[0];

        await AdvanceUntil(world, () => failing.Calls.Count >= 1, step: TimeSpan.Zero);
        var refused = await world.Client.SendMessageAsync(sid, "hi", bypassGate: true);
        Assert.That(refused.Refusal, Does.Contain("no data key"), "the first list failed");

        await AdvanceUntil(world, () => world.Client.GetSession(sid) is not null, step: TimeSpan.FromSeconds(1));
        var calls = failing.Calls.ToList();
        Assert.That(calls, Has.Count.EqualTo(3), "two failures, then the list that succeeded");
        Assert.That(calls[1] - calls[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)).And.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(calls[2] - calls[1], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(4)).And.LessThan(TimeSpan.FromSeconds(6)), "the delay doubled");
        var sent = await world.Client.SendMessageAsync(sid, "hi", bypassGate: true);
        Assert.That(sent.Sent, Is.True, sent.Refusal);

        await AdvanceFor(world, TimeSpan.FromMinutes(1));
        Assert.That(failing.Calls, Has.Count.EqualTo(3), "no list after the one that succeeded");
    }

    [Test]
    public async Task The_retries_stop_when_the_connection_is_closed()
    {
        var failing = new FailingSessionsList(failures: int.MaxValue);
        await using var world = await SdkWorld.CreateAsync(wrapHttp: failing.Wrap, listAfterConnect: false);
        await AdvanceUntil(world, () => failing.Calls.Count >= 2, step: TimeSpan.FromSeconds(1));

        await world.Client.DisconnectAsync();
        var before = failing.Calls.Count;
        await AdvanceFor(world, TimeSpan.FromMinutes(2));
        Assert.That(failing.Calls, Has.Count.EqualTo(before), "no list for a connection that is gone");
    }

    private static async Task AdvanceUntil(SdkWorld world, Func<bool> condition, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the SDK did not act in time");
            }

            world.Relay.Time.Advance(step);
            await Task.Delay(10);
        }
    }

    private static async Task AdvanceFor(SdkWorld world, TimeSpan span)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += TimeSpan.FromSeconds(1))
        {
            world.Relay.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }
    }

    /// <summary>Answers the first N <c>GET /v1/sessions</c> with 503; records the virtual time of every such call.</summary>
    private sealed class FailingSessionsList(int failures)
    {
        private readonly List<DateTimeOffset> _calls = [];

        private TimeProvider _clock = TimeProvider.System;

        public IReadOnlyList<TimeSpan> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls.Select(c => c - DateTimeOffset.UnixEpoch)];
                }
            }
        }

        public HttpMessageHandler Wrap(HttpMessageHandler inner, TimeProvider clock)
        {
            _clock = clock;
            return new Handler(this) { InnerHandler = inner };
        }

        private bool Record()
        {
            lock (_calls)
            {
                _calls.Add(_clock.GetUtcNow());
                return _calls.Count <= failures;
            }
        }

        private sealed class Handler(FailingSessionsList owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath == "/v1/sessions" && owner.Record())
                {
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{\"error\":\"down\"}") });
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}

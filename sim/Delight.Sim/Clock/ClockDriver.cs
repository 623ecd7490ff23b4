using Delight.Runtime.Mailbox;
using Delight.Sim.Swarm;

namespace Delight.Sim.Clock;

/// <summary>
/// The task that makes time pass. While a timer is armed it yields (a Coyote scheduling point) and fires the earliest
/// deadline at a choice drawn from Coyote's generator. With a <see cref="MailboxActivity"/> to watch, time is
/// quiescence-biased: the timer fires once the world has been quiet (no mailbox traffic) for a few of the driver's
/// turns, and only with probability 1/<c>earlyFireOdds</c> per turn while work is still in flight. So "the timeout
/// fires just before the response arrives" is still an interleaving Coyote explores, but a 5 s timeout no longer
/// beats most round trips, which would be nothing like a real machine. <see cref="Calm"/> stops early fires (after
/// the network heals, so the world can converge). Without an activity counter every turn fires with 1/fireOdds.
/// With no timer armed the driver sleeps on a controlled signal.
/// </summary>
public sealed class ClockDriver
{
    /// <summary>Driver turns without any mailbox traffic after which the world counts as quiet.</summary>
    public const int QuietTurns = 4;

    private readonly VirtualTimeProvider _clock;
    private readonly SimRandom _random;
    private readonly int _fireOdds;
    private readonly MailboxActivity? _activity;
    private volatile bool _stopped;
    private volatile bool _calm;

    /// <param name="fireOdds">Without an activity counter: each turn fires the earliest timer with probability 1/fireOdds.
    /// With one: the odds of an early fire while the world is busy.</param>
    public ClockDriver(VirtualTimeProvider clock, SimRandom random, int fireOdds = 3, MailboxActivity? activity = null)
    {
        _clock = clock;
        _random = random;
        _fireOdds = Math.Max(1, fireOdds);
        _activity = activity;
    }

    public int Fired { get; private set; }

    public Task RunAsync() => Task.Run(LoopAsync);

    /// <summary>From now on timers fire only when the world is quiet.</summary>
    public void Calm() => _calm = true;

    public void Stop()
    {
        _stopped = true;
        _clock.Wake();
    }

    private async Task LoopAsync()
    {
        var seen = _activity?.Ticks ?? 0;
        var quietTurns = 0;
        while (!_stopped)
        {
            await _clock.WaitForArmedTimerAsync().ConfigureAwait(false);
            if (_stopped)
            {
                return;
            }

            await Task.Yield();
            if (_stopped)
            {
                return;
            }

            bool fire;
            if (_activity is null)
            {
                fire = _random.NextInt(_fireOdds) == 0;
            }
            else
            {
                var now = _activity.Ticks;
                quietTurns = now == seen ? quietTurns + 1 : 0;
                seen = now;
                fire = quietTurns >= QuietTurns || (!_calm && _random.NextInt(_fireOdds) == 0);
            }

            if (fire && _clock.TryFireNext())
            {
                Fired++;
                quietTurns = 0;
            }
        }
    }
}

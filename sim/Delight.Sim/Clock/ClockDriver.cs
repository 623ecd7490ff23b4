using Delight.Sim.Swarm;

namespace Delight.Sim.Clock;

/// <summary>
/// The task that makes time pass. While a timer is armed it yields (a Coyote scheduling point) and, at a choice drawn
/// from Coyote's generator, fires the earliest deadline. So "the timeout fires just before the response arrives" is
/// simply one of the interleavings Coyote explores. With no timer armed it sleeps on a controlled signal.
/// </summary>
public sealed class ClockDriver
{
    private readonly VirtualTimeProvider _clock;
    private readonly SimRandom _random;
    private readonly int _fireOdds;
    private volatile bool _stopped;

    /// <param name="fireOdds">On each turn the earliest timer fires with probability 1/fireOdds.</param>
    public ClockDriver(VirtualTimeProvider clock, SimRandom random, int fireOdds = 3)
    {
        _clock = clock;
        _random = random;
        _fireOdds = Math.Max(1, fireOdds);
    }

    public int Fired { get; private set; }

    public Task RunAsync() => Task.Run(LoopAsync);

    public void Stop()
    {
        _stopped = true;
        _clock.Wake();
    }

    private async Task LoopAsync()
    {
        while (!_stopped)
        {
            await _clock.WaitForArmedTimerAsync().ConfigureAwait(false);
            if (_stopped)
            {
                return;
            }

            await Task.Yield();
            if (!_stopped && _random.NextInt(_fireOdds) == 0 && _clock.TryFireNext())
            {
                Fired++;
            }
        }
    }
}

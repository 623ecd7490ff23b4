using System.Threading.Channels;
using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using Delight.Runtime.Tests.Session.Fakes;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Session.Desktop;

/// <summary>The desktop takeback watcher: the key rule (two spaces within 15 s, Ctrl+C), the watcher over a key source,
/// and the whole loop: Ready(remote) starts it, a double space hands control back to the desktop and stops it.</summary>
[TestFixture]
public sealed class TakebackWatcherTests
{
    [Test]
    public void Two_spaces_within_fifteen_seconds_are_a_takeback()
    {
        var d = new TakebackKeyDetector();
        Assert.That(d.OnKey(' ', 1_000), Is.Null);
        Assert.That(d.OnKey('x', 2_000), Is.Null);
        Assert.That(d.OnKey(' ', 16_000), Is.EqualTo(TakebackSignal.Takeback));
        Assert.That(d.OnKey(' ', 16_100), Is.Null, "the pair is used up");
    }

    [Test]
    public void Spaces_further_apart_than_the_window_are_not()
    {
        var d = new TakebackKeyDetector();
        Assert.That(d.OnKey(' ', 0), Is.Null);
        Assert.That(d.OnKey(' ', 15_001), Is.Null);
        Assert.That(d.OnKey(' ', 20_000), Is.EqualTo(TakebackSignal.Takeback), "the second space starts a new window");
    }

    [Test]
    public void Ctrl_c_is_an_interrupt_and_clears_a_pending_space()
    {
        var d = new TakebackKeyDetector();
        Assert.That(d.OnKey(' ', 0), Is.Null);
        Assert.That(d.OnKey(TakebackKeyDetector.CtrlC, 10), Is.EqualTo(TakebackSignal.Interrupt));
        Assert.That(d.OnKey(' ', 20), Is.Null);
    }

    [Test]
    public async Task The_watcher_reports_signals_only_while_started_and_restores_the_terminal_on_stop()
    {
        var keys = new ScriptedKeys();
        var time = new ManualTimeProvider();
        var watcher = new KeyTakebackWatcher(keys, time);
        var signals = Channel.CreateUnbounded<TakebackSignal>();

        watcher.Start(s => signals.Writer.WriteAsync(s));
        watcher.Start(s => signals.Writer.WriteAsync(s)); // idempotent
        Assert.That(keys.WatchingChanges, Is.EqualTo(new[] { true }));

        keys.Press(' ');
        time.Advance(TimeSpan.FromSeconds(3));
        keys.Press(' ');
        Assert.That(await signals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(TakebackSignal.Takeback));
        keys.Press(TakebackKeyDetector.CtrlC);
        Assert.That(await signals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(TakebackSignal.Interrupt));

        watcher.Stop();
        await watcher.Reader.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(watcher.IsWatching, Is.False);
        Assert.That(keys.WatchingChanges, Is.EqualTo(new[] { true, false }));
        keys.Press(TakebackKeyDetector.CtrlC);
        await Task.Delay(50);
        Assert.That(signals.Reader.TryRead(out _), Is.False, "a stopped watcher reports nothing");
    }

    [Test]
    public async Task Remote_ready_starts_the_watcher_and_a_double_space_hands_control_back_to_the_desktop()
    {
        var keys = new ScriptedKeys();
        var time = new ManualTimeProvider();
        var watcher = new KeyTakebackWatcher(keys, time);
        await using var h = new SessionHarness(takeback: watcher);
        await h.StartLocalAsync();
        Assert.That(watcher.IsWatching, Is.False, "local mode: the local runner owns the terminal");

        var reply = await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(reply, Is.EqualTo(new ReplyMode(AgentMode.Remote)));
        await h.WaitUntilAsync(() => watcher.IsWatching, "the watcher runs while remote", advanceClock: false);

        keys.Press(' ');
        keys.Press(' ');
        await h.WaitUntilAsync(() => h.State.Fsm == FsmState.LocalRunning && !watcher.IsWatching, "the desktop took control back");
        Assert.That(h.State.AgentState.ControlledByUser, Is.True);
        Assert.That(h.Engine.Starts.Select(s => s.Mode), Is.EqualTo(new[] { AgentMode.Local, AgentMode.Remote, AgentMode.Local }));
    }

    [Test]
    public async Task Ctrl_c_while_remote_shuts_the_session_down()
    {
        var keys = new ScriptedKeys();
        var watcher = new KeyTakebackWatcher(keys, TimeProvider.System);
        await using var h = new SessionHarness(takeback: watcher);
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(TimeSpan.FromSeconds(10));
        await h.WaitUntilAsync(() => watcher.IsWatching, "the watcher runs while remote", advanceClock: false);

        keys.Press(TakebackKeyDetector.CtrlC);

        await h.Runtime.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That((h.State.Fsm, h.State.ShutdownRequested, watcher.IsWatching), Is.EqualTo((FsmState.Closed, true, false)));
    }

    /// <summary>Keys typed by the test; records raw-mode on/off.</summary>
    private sealed class ScriptedKeys : IDesktopKeySource
    {
        private readonly Channel<char> _keys = Channel.CreateUnbounded<char>();
        private readonly List<bool> _watching = [];

        public IReadOnlyList<bool> WatchingChanges
        {
            get
            {
                lock (_watching)
                {
                    return [.. _watching];
                }
            }
        }

        public void Press(char key) => _keys.Writer.TryWrite(key);

        public async ValueTask<char?> ReadKeyAsync(CancellationToken cancellationToken) => await _keys.Reader.ReadAsync(cancellationToken);

        public void SetWatching(bool watching)
        {
            lock (_watching)
            {
                _watching.Add(watching);
            }
        }
    }
}

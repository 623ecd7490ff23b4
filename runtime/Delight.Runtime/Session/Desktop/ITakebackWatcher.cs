namespace Delight.Runtime.Session;

/// <summary>What the desktop asked for while a remote runner runs.</summary>
public enum TakebackSignal
{
    /// <summary>Space pressed twice within the window: take control back (a switch to local with no reply).</summary>
    Takeback,

    /// <summary>Ctrl+C (byte 0x03; raw mode turns off the terminal's own signal): shut the session down.</summary>
    Interrupt,
}

/// <summary>
/// The desktop takeback watcher (RUNTIME.md §2.6 TB+/TB-): started by <see cref="StartTakebackWatcher"/> while the remote
/// runner runs, stopped by <see cref="StopTakebackWatcher"/>. It reports signals through the callback it was started
/// with; the effects runner turns them into <see cref="DesktopTakeback"/> and <see cref="Shutdown"/> events. Start and
/// Stop are idempotent and never block.
/// </summary>
public interface ITakebackWatcher
{
    void Start(Func<TakebackSignal, ValueTask> onSignal);

    void Stop();
}

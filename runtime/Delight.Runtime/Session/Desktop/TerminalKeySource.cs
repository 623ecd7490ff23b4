namespace Delight.Runtime.Session;

/// <summary>
/// Keys from the real terminal. <see cref="Console.TreatControlCAsInput"/> is on while watching, so Ctrl+C arrives as a
/// key (0x03) and the watcher, not the process, decides what it means. The console has no cancellable read, so keys are
/// polled every 50 ms. <see cref="TryCreate"/> gives null unless stdin and stdout are terminals.
/// </summary>
public sealed class TerminalKeySource : IDesktopKeySource
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private bool _savedTreatControlC;

    private TerminalKeySource()
    {
    }

    /// <summary>A watcher for this process's terminal, or null when stdin or stdout is redirected (no terminal to own).</summary>
    public static ITakebackWatcher? TryCreateWatcher(TimeProvider time) =>
        Console.IsInputRedirected || Console.IsOutputRedirected ? null : new KeyTakebackWatcher(new TerminalKeySource(), time);

    public async ValueTask<char?> ReadKeyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Console.KeyAvailable)
            {
                return Console.ReadKey(intercept: true).KeyChar;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    public void SetWatching(bool watching)
    {
        if (watching)
        {
            _savedTreatControlC = Console.TreatControlCAsInput;
            Console.TreatControlCAsInput = true;
        }
        else
        {
            Console.TreatControlCAsInput = _savedTreatControlC;
        }
    }
}

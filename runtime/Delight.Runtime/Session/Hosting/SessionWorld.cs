using Delight.Protocol.Crypto;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Transport;

namespace Delight.Runtime.Session;

/// <summary>Everything the session runtime touches outside itself, injected so production and the simulation run the
/// same code: clock and timers, mailboxes, the session socket, the agent engines, ids and randomness.</summary>
public sealed record SessionWorld(
    TimeProvider Time,
    IMailboxFactory Mailboxes,
    ISocketConnection Socket,
    IAgentEngineFactory Engines,
    IIdSource Ids,
    IRandomSource Random,
    IDesktopConsole Console)
{
    /// <summary>Capacity of the session inbox (upstream uses 8192). A full inbox makes producers wait for room.</summary>
    public int InboxCapacity { get; init; } = 8192;

    /// <summary>Capacity of the loop's effects queue and the effects runner's own queues. Kept apart from the inbox:
    /// the loop waits only on the effects queue and the effects runner waits on the inbox, so a deep effects queue is
    /// what keeps a tight inbox from closing that cycle (RUNTIME.md §1.5, the LATENT mailbox/effects deadlock).</summary>
    public int EffectsCapacity { get; init; } = 8192;

    /// <summary>The relay's message history (HTTP), for the catch-up after a connect; null = no catch-up.</summary>
    public ISessionHistory? History { get; init; }

    /// <summary>The desktop takeback watcher (TB+/TB-); null = no terminal to watch (redirected, daemon, simulation).</summary>
    public ITakebackWatcher? Takeback { get; init; }

    /// <summary>Where <see cref="PersistLocalSessionInfo"/> writes (ENGINES.md §8.2); null = nothing kept on this machine.</summary>
    public ILocalSessionInfoStore? LocalSessions { get; init; }

    /// <summary>update-state ack timeout (§2.6 Persist).</summary>
    public TimeSpan PersistAckTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>Source of new local ids (messages the CLI originates).</summary>
public interface IIdSource
{
    string NewLocalId();
}

/// <summary>Sequential ids with a prefix: deterministic, for tests and the simulation.</summary>
public sealed class SequentialIdSource(string prefix = "local-") : IIdSource
{
    private long _next;

    public string NewLocalId() => prefix + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The desktop terminal (banners, notices). Never blocks.</summary>
public interface IDesktopConsole
{
    void Print(string text);
}

public sealed class NullDesktopConsole : IDesktopConsole
{
    public static NullDesktopConsole Instance { get; } = new();

    public void Print(string text)
    {
    }
}

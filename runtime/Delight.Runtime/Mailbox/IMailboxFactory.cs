namespace Delight.Runtime.Mailbox;

/// <summary>Creates mailboxes: <see cref="ChannelMailboxFactory"/> in production, <see cref="SimulationMailboxFactory"/>
/// under Coyote. Runtimes take a factory so the same code runs in both worlds.</summary>
public interface IMailboxFactory
{
    IMailbox<T> Create<T>(MailboxOptions options);
}

public sealed class ChannelMailboxFactory : IMailboxFactory
{
    public static ChannelMailboxFactory Instance { get; } = new();

    public IMailbox<T> Create<T>(MailboxOptions options) => new ChannelMailbox<T>(options);
}

public sealed class SimulationMailboxFactory(MailboxActivity? activity = null) : IMailboxFactory
{
    public static SimulationMailboxFactory Instance { get; } = new();

    /// <summary>Where this factory's mailboxes count their traffic (null: not counted).</summary>
    public MailboxActivity? Activity { get; } = activity;

    public IMailbox<T> Create<T>(MailboxOptions options) => new SimulationMailbox<T>(options, Activity);
}

using System.Threading.Channels;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Mailbox;

/// <summary>Production mailbox: a bounded single-reader <see cref="Channel{T}"/>. Not usable under Coyote
/// (Coyote does not control channel awaits).</summary>
public sealed class ChannelMailbox<T> : IMailbox<T>
{
    private readonly Channel<T> _channel;
    private readonly MailboxOptions _options;

    public ChannelMailbox(MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
    }

    public string Name => _options.Name;

    public int Capacity => _options.Capacity;

    public int Count => _channel.Reader.Count;

    public ValueTask PostAsync(T item, CancellationToken cancellationToken = default)
    {
        if (_channel.Writer.TryWrite(item))
        {
            return default;
        }

        if (_channel.Reader.Completion.IsCompleted)
        {
            throw new MailboxClosedException(Name);
        }

        if (MutantSwitches.IsArmed(Mutant.InboxDropsWhenFull))
        {
            return default; // seeded defect: upstream's lossy Enqueue
        }

        if (_options.FullMode == MailboxFullMode.Fail)
        {
            throw new MailboxFullException(Name, Capacity);
        }

        return WriteSlowAsync(item, cancellationToken);
    }

    private async ValueTask WriteSlowAsync(T item, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new MailboxClosedException(Name);
        }
    }

    public bool TryPost(T item)
    {
        if (_channel.Writer.TryWrite(item))
        {
            return true;
        }

        if (_channel.Reader.Completion.IsCompleted)
        {
            throw new MailboxClosedException(Name);
        }

        return false;
    }

    public bool TryReceive(out T item) => _channel.Reader.TryRead(out item!);

    public ValueTask<bool> WaitToReceiveAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.WaitToReadAsync(cancellationToken);

    public void Complete() => _channel.Writer.TryComplete();
}

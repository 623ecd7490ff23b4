using System.Collections.Immutable;
using Delight.Runtime.Mailbox;

namespace Delight.Runtime.Actor;

/// <summary>
/// Takes command batches in order and executes each command through the handler. Batches never overlap. The
/// handler must keep long work off this task (per-resource queues, background tasks reporting back as events).
/// </summary>
public sealed class EffectsRunner<TCommand>
{
    private readonly IMailbox<ImmutableArray<TCommand>> _batches;
    private readonly ICommandHandler<TCommand> _handler;

    public EffectsRunner(IMailbox<ImmutableArray<TCommand>> batches, ICommandHandler<TCommand> handler)
    {
        _batches = batches ?? throw new ArgumentNullException(nameof(batches));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    public IMailbox<ImmutableArray<TCommand>> Batches => _batches;

    /// <summary>Runs until the batch mailbox is completed and drained, or cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (await _batches.WaitToReceiveAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_batches.TryReceive(out var batch))
            {
                foreach (var command in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await _handler.HandleAsync(command, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}

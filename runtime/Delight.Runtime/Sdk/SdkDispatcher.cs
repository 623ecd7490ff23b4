using Delight.Runtime.Mailbox;

namespace Delight.Runtime.Sdk;

/// <summary>
/// One worker reading one mailbox of work items: every piece of SDK state is touched only from here, so it needs no
/// lock. Work never blocks this worker: I/O is started here, awaited off the worker, and its result re-enters as a
/// new work item (<see cref="DelightClient"/>). A failing item fails only its caller, never the worker.
/// </summary>
internal sealed class SdkDispatcher
{
    private readonly IMailbox<Func<Task>> _items;
    private readonly Task _worker;
    private readonly Action<Exception> _onUnhandled;

    public SdkDispatcher(IMailboxFactory mailboxes, int capacity, Action<Exception> onUnhandled)
    {
        _items = mailboxes.Create<Func<Task>>(new MailboxOptions("sdk-dispatch", capacity));
        _onUnhandled = onUnhandled;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="work"/> and returns its result once it ran (waits for room when full).</summary>
    public async Task<T> CallAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _items.PostAsync(async () =>
        {
            try
            {
                done.TrySetResult(await work().ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                done.TrySetException(ex);
            }
        }).ConfigureAwait(false);
        return await done.Task.ConfigureAwait(false);
    }

    /// <summary>Queues without waiting for the result (waits for room when full; never drops).</summary>
    public ValueTask PostAsync(Func<Task> work) => _items.PostAsync(async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _onUnhandled(ex);
        }
    });

    public Task StopAsync()
    {
        _items.Complete();
        return _worker;
    }

    private async Task RunAsync()
    {
        while (await _items.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_items.TryReceive(out var item))
            {
                await item().ConfigureAwait(false);
            }
        }
    }
}

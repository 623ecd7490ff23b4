using Delight.Runtime.Mailbox;

namespace Delight.Runtime.Sdk;

/// <summary>
/// The listener's own worker: callbacks run here in the order the dispatcher queued them, never on the dispatcher.
/// A throwing listener is reported through <see cref="ISdkListener.OnError"/> and does not stop the worker.
/// </summary>
internal sealed class SdkCallbacks
{
    private readonly IMailbox<Action<ISdkListener>> _calls;
    private readonly Func<ISdkListener?> _listener;
    private readonly Task _worker;

    public SdkCallbacks(IMailboxFactory mailboxes, int capacity, Func<ISdkListener?> listener)
    {
        _calls = mailboxes.Create<Action<ISdkListener>>(new MailboxOptions("sdk-callbacks", capacity));
        _listener = listener;
        _worker = Task.Run(RunAsync);
    }

    public ValueTask PostAsync(Action<ISdkListener> call) => _calls.PostAsync(call);

    public Task StopAsync()
    {
        _calls.Complete();
        return _worker;
    }

    private async Task RunAsync()
    {
        while (await _calls.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_calls.TryReceive(out var call))
            {
                if (_listener() is not { } listener)
                {
                    continue;
                }

                try
                {
                    call(listener);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    try
                    {
                        listener.OnError("listener threw: " + ex.Message);
                    }
                    catch (Exception inner) when (inner is not OutOfMemoryException)
                    {
                        // a listener that throws from OnError too is ignored
                    }
                }
            }
        }
    }
}

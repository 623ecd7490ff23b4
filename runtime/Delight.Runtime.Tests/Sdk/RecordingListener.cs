using Delight.Runtime.Sdk;

namespace Delight.Runtime.Tests.Sdk;

/// <summary>Records callbacks and the thread they ran on; an optional hook runs inside OnUpdate.</summary>
public sealed class RecordingListener : ISdkListener
{
    private readonly object _gate = new();
    private readonly List<string> _log = [];
    private readonly List<SdkUpdate> _updates = [];

    public Action<SdkUpdate>? OnUpdateHook { get; set; }

    public int ConcurrentCalls { get; private set; }

    public int MaxConcurrentCalls { get; private set; }

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public IReadOnlyList<SdkUpdate> Updates
    {
        get
        {
            lock (_gate)
            {
                return [.. _updates];
            }
        }
    }

    public IReadOnlyList<SdkMessageApplied> Applied(string sessionId) =>
        [.. Updates.OfType<SdkMessageApplied>().Where(a => a.SessionId == sessionId)];

    private void Enter(string entry)
    {
        lock (_gate)
        {
            _log.Add(entry);
            ConcurrentCalls++;
            MaxConcurrentCalls = Math.Max(MaxConcurrentCalls, ConcurrentCalls);
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            ConcurrentCalls--;
        }
    }

    public void OnConnected()
    {
        Enter("connected");
        Exit();
    }

    public void OnDisconnected(string reason)
    {
        Enter("disconnected:" + reason);
        Exit();
    }

    public void OnUpdate(SdkUpdate update)
    {
        Enter("update:" + update.GetType().Name);
        lock (_gate)
        {
            _updates.Add(update);
        }

        try
        {
            OnUpdateHook?.Invoke(update);
        }
        finally
        {
            Exit();
        }
    }

    public void OnEphemeral(SdkEphemeral ephemeral)
    {
        Enter("ephemeral:" + ephemeral.Type);
        Exit();
    }

    public void OnError(string message)
    {
        Enter("error:" + message);
        Exit();
    }
}

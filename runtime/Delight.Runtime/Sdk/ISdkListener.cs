namespace Delight.Runtime.Sdk;

/// <summary>
/// The app's listener (RUNTIME.md §4.1). Called in order, one call at a time, on the SDK's callback worker, never on
/// the dispatcher. A callback may call back into the client (the calls are queued to the dispatcher and return
/// tasks; awaiting or even blocking on them does not deadlock, because the dispatcher never waits for callbacks).
/// </summary>
public interface ISdkListener
{
    void OnConnected();

    void OnDisconnected(string reason);

    void OnUpdate(SdkUpdate update);

    void OnEphemeral(SdkEphemeral ephemeral);

    void OnError(string message);
}

namespace Delight.Runtime.Relay;

/// <summary>Hears what the relay refused where the protocol has no reply channel. Must not block.</summary>
public interface IRelayDiagnostics
{
    void OnDropped(string accountId, string connectionId, string eventName, string reason);
}

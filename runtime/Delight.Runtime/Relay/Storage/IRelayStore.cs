namespace Delight.Runtime.Relay.Storage;

/// <summary>
/// Durable storage behind the relay. The account runtimes own the live state; the store is written behind them
/// (one snapshot per durable change, in order per account) and read once at start. In memory here; a JSON-file
/// implementation can replace it without touching the runtime.
/// </summary>
public interface IRelayStore
{
    /// <summary>Accounts saved earlier, read once when the relay starts.</summary>
    IReadOnlyList<AccountSnapshot> LoadAccounts();

    /// <summary>Account id for a public key (hex), or null.</summary>
    string? FindAccountByPublicKey(string publicKeyHex);

    void SaveAccountKey(string publicKeyHex, string accountId);

    ValueTask SaveAccountAsync(AccountSnapshot snapshot, CancellationToken cancellationToken);
}

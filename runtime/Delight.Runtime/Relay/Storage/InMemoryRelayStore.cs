namespace Delight.Runtime.Relay.Storage;

/// <summary>Keeps the latest snapshot per account and the key-to-account map in memory.</summary>
public sealed class InMemoryRelayStore : IRelayStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, AccountSnapshot> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<AccountSnapshot> LoadAccounts()
    {
        lock (_gate)
        {
            return [.. _accounts.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal)];
        }
    }

    public AccountSnapshot? GetAccount(string accountId)
    {
        lock (_gate)
        {
            return _accounts.GetValueOrDefault(accountId);
        }
    }

    public string? FindAccountByPublicKey(string publicKeyHex)
    {
        lock (_gate)
        {
            return _keys.GetValueOrDefault(publicKeyHex);
        }
    }

    public void SaveAccountKey(string publicKeyHex, string accountId)
    {
        lock (_gate)
        {
            _keys[publicKeyHex] = accountId;
        }
    }

    public ValueTask SaveAccountAsync(AccountSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _accounts[snapshot.AccountId] = snapshot;
        }

        return default;
    }
}

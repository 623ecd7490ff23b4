using System.Collections.Immutable;
using Delight.Runtime.Relay.Connections;

namespace Delight.Runtime.Relay.State;

/// <summary>
/// Everything the relay keeps for one account, owned by that account's runtime. Sorted dictionaries keep fan-out
/// order deterministic (the simulation replays schedules by seed).
/// </summary>
public sealed record AccountState(
    string AccountId,
    long UserSeq,
    long NextRpcCallId,
    ImmutableSortedDictionary<string, SessionRecord> Sessions,
    ImmutableSortedDictionary<string, TerminalRecord> Terminals,
    ImmutableSortedDictionary<string, ConnectionInfo> Connections,
    ImmutableSortedDictionary<string, string> RpcMethods,
    ImmutableSortedDictionary<long, PendingRpcCall> PendingRpc)
{
    public static AccountState Empty(string accountId) => new(
        accountId,
        0,
        1,
        ImmutableSortedDictionary.Create<string, SessionRecord>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, TerminalRecord>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, ConnectionInfo>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableSortedDictionary<long, PendingRpcCall>.Empty);
}

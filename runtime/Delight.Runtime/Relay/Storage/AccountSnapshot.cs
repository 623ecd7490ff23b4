using System.Collections.Immutable;
using Delight.Runtime.Relay.State;

namespace Delight.Runtime.Relay.Storage;

/// <summary>The durable part of an account: what survives a relay restart (connections and RPC routes do not).</summary>
public sealed record AccountSnapshot(
    string AccountId,
    long UserSeq,
    ImmutableSortedDictionary<string, SessionRecord> Sessions,
    ImmutableSortedDictionary<string, TerminalRecord> Terminals)
{
    public static AccountSnapshot Of(AccountState state) => new(state.AccountId, state.UserSeq, state.Sessions, state.Terminals);
}

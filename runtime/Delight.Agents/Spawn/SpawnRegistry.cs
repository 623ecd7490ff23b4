using System.Collections.Immutable;

namespace Delight.Agents.Spawn;

/// <summary>One spawned child session as stored: its id and directory. The agent is not stored (ENGINES.md §8.4).</summary>
public sealed record SpawnedSession(string SessionId, string Directory);

/// <summary>The registry of spawned sessions, owner (parent session id) → child session id → entry. Immutable.</summary>
public sealed record SpawnRegistry(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, SpawnedSession>> Owners)
{
    public static SpawnRegistry Empty { get; } = new(ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, SpawnedSession>>(StringComparer.Ordinal));

    public int Count => Owners.Values.Sum(children => children.Count);

    public ImmutableSortedDictionary<string, SpawnedSession> ChildrenOf(string owner) =>
        Owners.TryGetValue(owner, out var children) ? children : ImmutableSortedDictionary.Create<string, SpawnedSession>(StringComparer.Ordinal);

    public SpawnRegistry With(string owner, SpawnedSession child) =>
        new(Owners.SetItem(owner, ChildrenOf(owner).SetItem(child.SessionId, child)));

    /// <summary>Removes a child; the owner key goes when it becomes empty.</summary>
    public SpawnRegistry Without(string owner, string childSessionId)
    {
        var children = ChildrenOf(owner).Remove(childSessionId);
        return new(children.IsEmpty ? Owners.Remove(owner) : Owners.SetItem(owner, children));
    }

    public bool Equals(SpawnRegistry? other) =>
        other is not null
        && Owners.Count == other.Owners.Count
        && Owners.All(o => other.Owners.TryGetValue(o.Key, out var theirs) && theirs.Count == o.Value.Count && o.Value.All(c => theirs.TryGetValue(c.Key, out var t) && t == c.Value));

    public override int GetHashCode() => Count;
}

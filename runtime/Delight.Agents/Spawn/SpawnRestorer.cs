using System.Collections.Immutable;

namespace Delight.Agents.Spawn;

/// <summary>What one restore did.</summary>
public sealed record SpawnRestoreReport(
    ImmutableArray<SpawnedSession> Started,
    ImmutableArray<(SpawnedSession Entry, string Error)> Failed,
    SpawnRegistryLoad Load);

/// <summary>
/// Restores a parent's children at startup (ENGINES.md §8.4). It iterates a snapshot of the stored entries and builds
/// the new registry separately, so a replaced entry is never visited again (upstream can start a second child, §8.4
/// hazard), and it remembers what it started, so calling it twice never starts a session twice. Entries with an empty
/// directory or id, or equal to the parent, are skipped; a failed start keeps its entry (so the next start retries)
/// and is reported rather than skipped silently.
/// </summary>
public sealed class SpawnRestorer
{
    private readonly SpawnRegistryFile _file;
    private readonly IChildSessionStarter _starter;
    private readonly object _gate = new();
    private readonly HashSet<string> _restoredStoredIds = new(StringComparer.Ordinal);

    public SpawnRestorer(SpawnRegistryFile file, IChildSessionStarter starter)
    {
        _file = file ?? throw new ArgumentNullException(nameof(file));
        _starter = starter ?? throw new ArgumentNullException(nameof(starter));
    }

    public async Task<SpawnRestoreReport> RestoreAsync(string parentSessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parentSessionId);
        var load = _file.Load();
        var snapshot = load.Registry.ChildrenOf(parentSessionId).Values.ToImmutableArray();
        var registry = load.Registry;
        var started = ImmutableArray.CreateBuilder<SpawnedSession>();
        var failed = ImmutableArray.CreateBuilder<(SpawnedSession, string)>();
        foreach (var entry in snapshot)
        {
            if (entry.SessionId.Length == 0 || entry.Directory.Length == 0 || entry.SessionId == parentSessionId)
            {
                continue;
            }

            lock (_gate)
            {
                if (!_restoredStoredIds.Add(entry.SessionId))
                {
                    continue; // already restored by this process
                }
            }

            string childId;
            try
            {
                childId = await _starter.StartChildAsync(entry.Directory, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                lock (_gate)
                {
                    _restoredStoredIds.Remove(entry.SessionId);
                }

                failed.Add((entry, ex.Message));
                continue;
            }

            var restored = new SpawnedSession(childId, entry.Directory);
            lock (_gate)
            {
                _restoredStoredIds.Add(childId);
            }

            started.Add(restored);
            if (childId != entry.SessionId)
            {
                registry = registry.Without(parentSessionId, entry.SessionId).With(parentSessionId, restored);
            }
        }

        _file.Save(registry);
        return new SpawnRestoreReport(started.ToImmutable(), failed.ToImmutable(), load);
    }
}

using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Agents.Common;
using Delight.Agents.Persistence;

namespace Delight.Agents.Acp;

/// <summary>The result of looking up (or creating) the ACP session of a Delight session. <see cref="Problem"/> says
/// what was wrong with the file and <see cref="QuarantinedPath"/> where the unreadable copy was kept.</summary>
public sealed record AcpSessionLookup(string AcpSessionId, bool Created, string? Problem, string? QuarantinedPath);

/// <summary>
/// <c>acp.sessions.json</c> (ENGINES.md §8.3): <c>{"sessions":{"&lt;delight id&gt;":"&lt;acp uuid&gt;"}}</c>. Unlike upstream,
/// writes are atomic and re-read the file just before writing (so a concurrent CLI's entries are kept), and an unreadable
/// file is moved aside and reported instead of being silently replaced with only the new entry.
/// </summary>
public sealed class AcpSessionStore
{
    public const string FileName = "acp.sessions.json";

    private static readonly object ProcessGate = new();
    private readonly IFileSystem _fileSystem;
    private readonly IAgentIdSource _ids;

    public AcpSessionStore(string homeDirectory, IFileSystem? fileSystem = null, IAgentIdSource? ids = null)
    {
        Path = System.IO.Path.Combine(homeDirectory ?? throw new ArgumentNullException(nameof(homeDirectory)), FileName);
        _fileSystem = fileSystem ?? PhysicalFileSystem.Instance;
        _ids = ids ?? CuidSource.System;
    }

    public string Path { get; }

    public AcpSessionLookup GetOrCreate(string delightSessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(delightSessionId);
        lock (ProcessGate)
        {
            var (sessions, problem, quarantined) = Load();
            if (sessions.TryGetValue(delightSessionId, out var existing) && !string.IsNullOrEmpty(existing))
            {
                return new AcpSessionLookup(existing, false, problem, quarantined);
            }

            var created = _ids.NewUuid();
            var json = new JsonObject { ["sessions"] = new JsonObject(sessions.SetItem(delightSessionId, created).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))) };
            AtomicFile.Write(_fileSystem, Path, Encoding.UTF8.GetBytes(json.ToJsonString()));
            return new AcpSessionLookup(created, true, problem, quarantined);
        }
    }

    private (ImmutableSortedDictionary<string, string> Sessions, string? Problem, string? Quarantined) Load()
    {
        var empty = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (!_fileSystem.FileExists(Path))
        {
            return (empty, null, null);
        }

        var bytes = _fileSystem.ReadAllBytes(Path);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("the root is not an object");
            }

            var builder = empty.ToBuilder();
            if (document.RootElement.TryGetProperty("sessions", out var sessions) && sessions.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in sessions.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.String)
                    {
                        builder[entry.Name] = entry.Value.GetString()!;
                    }
                }
            }

            return (builder.ToImmutable(), null, null);
        }
        catch (JsonException ex)
        {
            var quarantined = AtomicFile.Quarantine(_fileSystem, Path);
            return (empty, FileName + " was unreadable (" + ex.Message + "); kept as " + System.IO.Path.GetFileName(quarantined), quarantined);
        }
    }
}

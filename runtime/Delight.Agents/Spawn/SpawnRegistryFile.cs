using System.Text;
using System.Text.Json;
using Delight.Agents.Persistence;

namespace Delight.Agents.Spawn;

public enum SpawnRegistryLoadStatus
{
    /// <summary>No file: an empty registry.</summary>
    Missing,

    /// <summary>The file parsed completely.</summary>
    Loaded,

    /// <summary>The file was torn or corrupt: the entries readable before the damage were recovered, the damaged file
    /// was moved aside, and <see cref="SpawnRegistryLoad.Problem"/> says what happened.</summary>
    Recovered,
}

public sealed record SpawnRegistryLoad(SpawnRegistry Registry, SpawnRegistryLoadStatus Status, string? Problem, string? QuarantinedPath);

/// <summary>
/// <c>spawned.sessions.json</c> (ENGINES.md §8.4): pretty-printed with two-space indentation, mode 0600. Unlike upstream,
/// saves are atomic (<see cref="AtomicFile"/>), and a damaged file is never silently emptied: whatever entries can be
/// read before the damage are recovered, the file is moved aside, and the load reports both.
/// </summary>
public sealed class SpawnRegistryFile
{
    public const string FileName = "spawned.sessions.json";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, IndentSize = 2 };
    private readonly IFileSystem _fileSystem;
    private readonly int _chunkSize;

    public SpawnRegistryFile(string homeDirectory, IFileSystem? fileSystem = null, int chunkSize = AtomicFile.DefaultChunkSize)
    {
        Path = System.IO.Path.Combine(homeDirectory ?? throw new ArgumentNullException(nameof(homeDirectory)), FileName);
        _fileSystem = fileSystem ?? PhysicalFileSystem.Instance;
        _chunkSize = chunkSize;
    }

    public string Path { get; }

    public SpawnRegistryLoad Load()
    {
        if (!_fileSystem.FileExists(Path))
        {
            return new SpawnRegistryLoad(SpawnRegistry.Empty, SpawnRegistryLoadStatus.Missing, null, null);
        }

        var bytes = _fileSystem.ReadAllBytes(Path);
        var (registry, error) = Parse(bytes);
        if (error is null)
        {
            return new SpawnRegistryLoad(registry, SpawnRegistryLoadStatus.Loaded, null, null);
        }

        var quarantined = AtomicFile.Quarantine(_fileSystem, Path);
        var problem = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{FileName} is damaged ({error}); recovered {registry.Count} entr{(registry.Count == 1 ? "y" : "ies")}; the damaged file was kept as {System.IO.Path.GetFileName(quarantined)}");
        return new SpawnRegistryLoad(registry, SpawnRegistryLoadStatus.Recovered, problem, quarantined);
    }

    public void Save(SpawnRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        AtomicFile.Write(_fileSystem, Path, Serialize(registry), _chunkSize);
    }

    public static byte[] Serialize(SpawnRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("owners");
            foreach (var (owner, children) in registry.Owners)
            {
                writer.WriteStartObject(owner);
                foreach (var (childId, child) in children)
                {
                    writer.WriteStartObject(childId);
                    writer.WriteString("sessionId", child.SessionId);
                    writer.WriteString("directory", child.Directory);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads as far as the JSON is well formed and keeps every child entry completed before the damage.
    /// Returns the error text when the file is damaged, null when it parsed completely.</summary>
    public static (SpawnRegistry Registry, string? Error) Parse(ReadOnlySpan<byte> bytes)
    {
        var registry = SpawnRegistry.Empty;
        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, state: default);
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "the root must be an object");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                Next(ref reader);
                if (name != "owners" || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var owner = reader.GetString()!;
                    if (Next(ref reader) != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        if (Next(ref reader) != JsonTokenType.StartObject)
                        {
                            reader.Skip();
                            continue;
                        }

                        string? sessionId = null;
                        string? directory = null;
                        while (Next(ref reader) == JsonTokenType.PropertyName)
                        {
                            var field = reader.GetString();
                            Next(ref reader);
                            if (reader.TokenType == JsonTokenType.String && field == "sessionId")
                            {
                                sessionId = reader.GetString();
                            }
                            else if (reader.TokenType == JsonTokenType.String && field == "directory")
                            {
                                directory = reader.GetString();
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }

                        registry = registry.With(owner, new SpawnedSession(string.IsNullOrEmpty(sessionId) ? key : sessionId, directory ?? string.Empty));
                    }
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return (registry, "unexpected content after the registry");
            }

            return (registry, null);
        }
        catch (JsonException ex)
        {
            return (registry, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return (registry, ex.Message);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the file ends early");
        }

        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (Next(ref reader) != type)
        {
            throw new JsonException(message);
        }
    }

    public override string ToString() => Encoding.UTF8.GetString(Serialize(Load().Registry));
}

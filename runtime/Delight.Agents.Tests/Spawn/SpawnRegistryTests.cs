using System.Text;
using Delight.Agents.Spawn;
using Delight.Agents.Tests.Support;
using NUnit.Framework;

namespace Delight.Agents.Tests.Spawn;

[TestFixture]
public sealed class SpawnRegistryTests
{
    private TempDirectory _home = null!;

    [SetUp]
    public void SetUp() => _home = new TempDirectory();

    [TearDown]
    public void TearDown() => _home.Dispose();

    private static SpawnRegistry Sample() => SpawnRegistry.Empty
        .With("parent-1", new SpawnedSession("child-a", "/work/a"))
        .With("parent-1", new SpawnedSession("child-b", "/work/b"))
        .With("parent-2", new SpawnedSession("child-c", "/work/c"));

    [Test]
    public void RoundTripKeepsEveryEntryInTheSpecFormat()
    {
        var file = new SpawnRegistryFile(_home.Path);
        file.Save(Sample());
        var load = file.Load();

        Assert.That(load.Status, Is.EqualTo(SpawnRegistryLoadStatus.Loaded));
        Assert.That(load.Registry, Is.EqualTo(Sample()));
        var text = File.ReadAllText(file.Path);
        Assert.That(text, Does.StartWith("{\n  \"owners\": {\n    \"parent-1\": {\n      \"child-a\": {\n        \"sessionId\": \"child-a\",\n        \"directory\": \"/work/a\"\n      },"));
        Assert.That(File.Exists(file.Path + ".tmp"), Is.False);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(file.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public void MissingFileIsAnEmptyRegistry()
    {
        var load = new SpawnRegistryFile(_home.Path).Load();
        Assert.That(load.Status, Is.EqualTo(SpawnRegistryLoadStatus.Missing));
        Assert.That(load.Registry.Count, Is.Zero);
    }

    [Test]
    public void TornFileIsReportedWithWhatWasRecoveredAndKeptAside()
    {
        var file = new SpawnRegistryFile(_home.Path);
        var full = SpawnRegistryFile.Serialize(Sample());
        var text = Encoding.UTF8.GetString(full);
        var cut = text.IndexOf("\"child-b\"", StringComparison.Ordinal) + 20; // torn inside the second child
        File.WriteAllBytes(file.Path, full.AsSpan(0, cut).ToArray());

        var load = file.Load();

        Assert.That(load.Status, Is.EqualTo(SpawnRegistryLoadStatus.Recovered));
        Assert.That(load.Registry, Is.EqualTo(SpawnRegistry.Empty.With("parent-1", new SpawnedSession("child-a", "/work/a"))));
        Assert.That(load.Problem, Does.Contain("recovered 1 entry"));
        Assert.That(File.ReadAllBytes(load.QuarantinedPath!), Is.EqualTo(full.AsSpan(0, cut).ToArray()));

        // A later save never overwrites the kept copy.
        file.Save(load.Registry);
        Assert.That(File.Exists(load.QuarantinedPath!), Is.True);
    }

    [Test]
    public void GarbageFileIsReportedNotSilentlyEmptied()
    {
        var file = new SpawnRegistryFile(_home.Path);
        File.WriteAllText(file.Path, "not json at all");
        var load = file.Load();

        Assert.That(load.Status, Is.EqualTo(SpawnRegistryLoadStatus.Recovered));
        Assert.That(load.Problem, Does.Contain("recovered 0 entries"));
        Assert.That(File.ReadAllText(load.QuarantinedPath!), Is.EqualTo("not json at all"));
    }

    [Test]
    public void WriterKilledAtEveryStepLeavesThePreviousOrTheNewRegistry()
    {
        var previous = Sample();
        var next = previous.Without("parent-1", "child-a").With("parent-3", new SpawnedSession("child-d", "/work/d"));
        var steps = 0;
        for (var k = 1; ; k++)
        {
            using var home = new TempDirectory();
            new SpawnRegistryFile(home.Path).Save(previous);
            var crashing = new CrashingFileSystem(k);
            var writer = new SpawnRegistryFile(home.Path, crashing, chunkSize: 16);
            try
            {
                writer.Save(next);
            }
            catch (SimulatedCrashException)
            {
            }

            var load = new SpawnRegistryFile(home.Path).Load();
            Assert.That(load.Status, Is.EqualTo(SpawnRegistryLoadStatus.Loaded), "step " + k);
            Assert.That(load.Registry, Is.EqualTo(previous).Or.EqualTo(next), "step " + k);
            if (!crashing.Crashed)
            {
                Assert.That(load.Registry, Is.EqualTo(next));
                steps = k - 1;
                break;
            }

            // Before the rename the old file is intact; the rename step is the last one.
            Assert.That(load.Registry, Is.EqualTo(previous), "step " + k);
        }

        Assert.That(steps, Is.GreaterThan(10), "the write must have many crash points (create, chunks, flush, close, rename)");
    }

    [Test]
    public async Task RestoreStartsEachChildOnceAndRecordsChangedIds()
    {
        var file = new SpawnRegistryFile(_home.Path);
        file.Save(SpawnRegistry.Empty
            .With("P", new SpawnedSession("A", "/a"))
            .With("P", new SpawnedSession("B", "/b"))
            .With("P", new SpawnedSession("P", "/self"))
            .With("P", new SpawnedSession("E", string.Empty))
            .With("Q", new SpawnedSession("X", "/x")));
        var starter = new ScriptedStarter(new Dictionary<string, string> { ["/a"] = "A2", ["/b"] = "B" });
        var restorer = new SpawnRestorer(file, starter);

        var report = await restorer.RestoreAsync("P", CancellationToken.None);
        var again = await restorer.RestoreAsync("P", CancellationToken.None);

        Assert.That(starter.Started, Is.EqualTo(new[] { "/a", "/b" }));
        Assert.That(report.Started.Select(s => s.SessionId), Is.EqualTo(new[] { "A2", "B" }));
        Assert.That(again.Started, Is.Empty);
        var stored = file.Load().Registry;
        Assert.That(stored.ChildrenOf("P").Keys, Is.EqualTo(new[] { "A2", "B", "E", "P" }));
        Assert.That(stored.ChildrenOf("Q").Keys, Is.EqualTo(new[] { "X" }));
    }

    [Test]
    public async Task RestoreReportsAFailedStartAndKeepsItsEntry()
    {
        var file = new SpawnRegistryFile(_home.Path);
        file.Save(SpawnRegistry.Empty.With("P", new SpawnedSession("A", "/a")).With("P", new SpawnedSession("B", "/gone")));
        var starter = new ScriptedStarter(new Dictionary<string, string> { ["/a"] = "A" });

        var report = await new SpawnRestorer(file, starter).RestoreAsync("P", CancellationToken.None);

        Assert.That(report.Failed.Select(f => f.Entry.SessionId), Is.EqualTo(new[] { "B" }));
        Assert.That(report.Failed[0].Error, Is.EqualTo("no such directory: /gone"));
        Assert.That(file.Load().Registry.ChildrenOf("P").Keys, Is.EqualTo(new[] { "A", "B" }));
    }

    private sealed class ScriptedStarter(Dictionary<string, string> ids) : IChildSessionStarter
    {
        public List<string> Started { get; } = [];

        public Task<string> StartChildAsync(string directory, CancellationToken cancellationToken)
        {
            if (!ids.TryGetValue(directory, out var id))
            {
                throw new DirectoryNotFoundException("no such directory: " + directory);
            }

            Started.Add(directory);
            return Task.FromResult(id);
        }
    }
}

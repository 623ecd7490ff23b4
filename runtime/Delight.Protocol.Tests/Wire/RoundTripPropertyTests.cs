using System.Reflection;
using System.Text.Json.Nodes;
using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Json;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Wire;

/// <summary>
/// Round-trip properties for every wire record type: many seeded random values are encoded, decoded and
/// compared field by field (absent and null included), and re-encoding gives the same JSON tree.
/// </summary>
public sealed class RoundTripPropertyTests
{
    private const int ValuesPerType = 100;

    /// <summary>Every concrete wire record (unknown variants are covered by their own tests).</summary>
    public static IEnumerable<Type> RecordTypes() =>
        typeof(WireCodec).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.IsClass && !t.IsAbstract && t.Namespace?.StartsWith("Delight.Protocol.Wire", StringComparison.Ordinal) == true)
            .Where(t => t.GetMethod("<Clone>$") is not null)
            .Where(t => !t.Name.StartsWith("Unknown", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Test]
    public void TheSweepCoversTheMainFamilies()
    {
        var names = RecordTypes().Select(t => t.Name).ToHashSet();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "UpdateEnvelope", "NewMessageBody", "UpdateTerminalBody", "ActivityEphemeral", "UiEventEphemeral",
            "RpcCallEvent", "PermissionParams", "AgentCapabilitiesResult", "UserRecord", "UiEventRecord",
            "ClaudeTranscriptLine", "AgentState", "SessionMetadata", "TerminalMetadata", "DaemonState",
            "HandshakeAuth", "VersionedAck", "Session", "KvMutateResponse", "MessageEvent", "CipherWrapper",
        }));
    }

    [TestCaseSource(nameof(RecordTypes))]
    public void RandomValuesRoundTrip(Type type)
    {
        var generator = new WireValueGenerator(seed: StableSeed(type.FullName!));
        var decodeType = WireCodec.EncodingType(type);
        var sawAbsent = false;
        var sawNull = false;
        for (var i = 0; i < ValuesPerType; i++)
        {
            var value = generator.Create(type);
            var json = Encode(value);
            object decoded;
            try
            {
                decoded = WireCodec.DecodeAs(decodeType, JsonNode.Parse(json));
            }
            catch (WireFormatException ex)
            {
                Assert.Fail($"value {i} of {type.Name} did not decode: {ex.Message}\njson: {json}");
                return;
            }

            Assert.That(decoded.GetType(), Is.EqualTo(type), json);
            var difference = WireDeepEquality.FirstDifference(value, decoded);
            Assert.That(difference, Is.Null, $"value {i} of {type.Name} differs at {difference}\njson: {json}");
            WireJsonAssert.StructurallyEqual(Encode(decoded), json);
            sawAbsent |= HasOptionalIn(value, absent: true);
            sawNull |= HasOptionalIn(value, absent: false);
        }

        if (type.GetProperties().Any(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Optional<>)))
        {
            Assert.Multiple(() =>
            {
                Assert.That(sawAbsent, Is.True, "no absent field was generated");
                Assert.That(sawNull, Is.True, "no null field was generated");
            });
        }
    }

    private static string Encode(object value) =>
        (string)typeof(WireCodec).GetMethod(nameof(WireCodec.Encode))!.MakeGenericMethod(value.GetType()).Invoke(null, [value])!;

    private static bool HasOptionalIn(object value, bool absent) =>
        value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Optional<>))
            .Select(p => p.GetValue(value)!)
            .Any(o => absent
                ? !(bool)o.GetType().GetProperty("HasValue")!.GetValue(o)!
                : (bool)o.GetType().GetProperty("IsNull")!.GetValue(o)!);

    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}

using NUnit.Framework;
using System.Text.Json.Nodes;

namespace Delight.Protocol.Tests.Wire;

/// <summary>Structural JSON comparison: parsed trees, so key order and escaping do not matter.</summary>
internal static class WireJsonAssert
{
    public static void StructurallyEqual(string actual, string expected)
    {
        var actualNode = JsonNode.Parse(actual);
        var expectedNode = JsonNode.Parse(expected);
        Assert.That(
            JsonNode.DeepEquals(actualNode, expectedNode),
            Is.True,
            $"JSON differs.\nexpected: {expectedNode?.ToJsonString()}\nactual:   {actualNode?.ToJsonString()}");
    }
}

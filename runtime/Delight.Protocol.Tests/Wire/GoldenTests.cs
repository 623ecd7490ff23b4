using NUnit.Framework;
using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Records;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.Updates;

namespace Delight.Protocol.Tests.Wire;

/// <summary>Every upstream golden decodes and re-encodes to structurally equal JSON (§11).</summary>
public sealed class GoldenTests
{
    private static readonly string GoldenRoot = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "wire");

    public static IEnumerable<string> GoldenFiles() =>
        Directory.EnumerateFiles(GoldenRoot, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(GoldenRoot, path))
            .Order(StringComparer.Ordinal);

    [Test]
    public void AllNineGoldensAreCopiedIntoTheProject()
    {
        Assert.That(GoldenFiles().Count(), Is.EqualTo(9));
    }

    [TestCaseSource(nameof(GoldenFiles))]
    public void GoldenDecodesAndReEncodesStructurallyEqual(string relativePath)
    {
        var json = File.ReadAllText(Path.Combine(GoldenRoot, relativePath));
        var kind = WireCodec.Detect(json);
        var encoded = kind switch
        {
            WireKind.Update => WireCodec.EncodeUpdate(WireCodec.DecodeUpdate(json)),
            WireKind.MessageEvent => WireCodec.EncodeSocketEvent(WireCodec.DecodeSocketEvent("message", json)),
            WireKind.Record => WireCodec.EncodeRecord(WireCodec.DecodeRecord(json)),
            WireKind.RpcParams => WireCodec.EncodeRpcParams(WireCodec.DecodeRpcParams(MethodFor(relativePath), json)),
            _ => throw new AssertionException($"unexpected kind {kind} for {relativePath}"),
        };

        WireJsonAssert.StructurallyEqual(encoded, json);
    }

    [Test]
    public void MessageEventGoldenYieldsCipherAndLocalId()
    {
        var json = File.ReadAllText(Path.Combine(GoldenRoot, "message_event.json"));
        var message = (MessageEvent)WireCodec.DecodeSocketEvent("message", json);
        Assert.Multiple(() =>
        {
            Assert.That(message.Cipher, Is.EqualTo("cipher"));
            Assert.That(message.LocalId.Value, Is.EqualTo("lid-1"));
            Assert.That(message.SessionIdAnyAlias, Is.EqualTo("s1"));
        });
    }

    [Test]
    public void CapturedMessageEventHasCipherAndNoLocalId()
    {
        var json = File.ReadAllText(Path.Combine(GoldenRoot, "captured", "session_message_event.json"));
        var message = (MessageEvent)WireCodec.DecodeSocketEvent("message", json);
        Assert.Multiple(() =>
        {
            Assert.That(message.Cipher, Is.EqualTo("cipher"));
            Assert.That(message.LocalId.HasValue, Is.False);
        });
    }

    [TestCase("update_new_message.json")]
    [TestCase("captured/session_update_event_new_message.json")]
    public void NewMessageGoldensYieldTheCipher(string relativePath)
    {
        var update = WireCodec.DecodeUpdate(File.ReadAllText(Path.Combine(GoldenRoot, relativePath)));
        var body = update.Body as NewMessageBody;
        Assert.That(body, Is.Not.Null);
        Assert.That(body!.Message.Value!.Content.Value, Is.EqualTo(new EncryptedContent("cipher")));
    }

    [Test]
    public void CapturedNewMessageKeepsEnvelopeFields()
    {
        var update = WireCodec.DecodeUpdate(File.ReadAllText(Path.Combine(GoldenRoot, "captured", "session_update_event_new_message.json")));
        var message = ((NewMessageBody)update.Body).Message.Value!;
        Assert.Multiple(() =>
        {
            Assert.That(update.Id.Value, Is.EqualTo("c1767034856203528000"));
            Assert.That(update.Seq.Value, Is.EqualTo(6));
            Assert.That(update.CreatedAt.Value, Is.EqualTo(1767034856204));
            Assert.That(message.Seq.Value, Is.EqualTo(1));
            Assert.That(message.LocalId.Value, Is.EqualTo("<id>"));
            Assert.That(message.CreatedAt.Value, Is.EqualTo(1767034856000));
        });
    }

    [TestCase("captured/session_update_event_update_terminal_daemon_state.json", 4, false)]
    [TestCase("captured/session_update_event_update_terminal_metadata.json", 5, true)]
    public void UpdateTerminalGoldensAreTyped(string relativePath, long seq, bool isMetadata)
    {
        var update = WireCodec.DecodeUpdate(File.ReadAllText(Path.Combine(GoldenRoot, relativePath)));
        var body = update.Body as UpdateTerminalBody;
        Assert.That(body, Is.Not.Null);
        var changed = isMetadata ? body!.Metadata : body!.DaemonState;
        var other = isMetadata ? body.DaemonState : body.Metadata;
        Assert.Multiple(() =>
        {
            Assert.That(update.Seq.Value, Is.EqualTo(seq));
            Assert.That(body.TerminalId.Value, Is.EqualTo("<id>"));
            Assert.That(changed.Value, Is.EqualTo(new VersionedValue { Value = "cipher", Version = 2L }));
            Assert.That(other.HasValue, Is.False);
        });
    }

    [Test]
    public void UserTextGoldenIsTyped()
    {
        var record = WireCodec.DecodeRecord(File.ReadAllText(Path.Combine(GoldenRoot, "user_text_record.json")));
        var user = record as UserRecord;
        Assert.That(user, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(user!.ActionableText, Is.EqualTo("hello"));
            Assert.That(user.Meta.Value!.Text, Is.EqualTo("""{"model":"gpt-5"}"""));
        });
    }

    [Test]
    public void PermissionParamsGoldenIsTyped()
    {
        var json = File.ReadAllText(Path.Combine(GoldenRoot, "captured", "rpc_session_permission.json"));
        var parameters = WireCodec.DecodeRpcParams("sid:permission", json);
        Assert.That(parameters, Is.EqualTo(new PermissionParams { Allow = true, Message = "ok", RequestId = "<id>" }));
    }

    private static string MethodFor(string relativePath) =>
        relativePath.Contains("permission", StringComparison.Ordinal) ? "s:permission" : "t:ping";
}

namespace Delight.Benchmarks.Codec;

/// <summary>
/// Wire payloads the codec suite decodes and encodes: shapes of captured upstream traffic (ids replaced), with a
/// ciphertext of realistic size (a 1 KiB plaintext sealed in the AES-GCM envelope is about 1.4 K base64 characters).
/// </summary>
public static class CodecPayloads
{
    public const string UpdateNewMessage = "update-new-message";
    public const string UpdateTerminal = "update-terminal";
    public const string UserTextRecord = "user-text-record";

    private static readonly string Cipher = Convert.ToBase64String(Enumerable.Range(0, 1053).Select(i => (byte)(i * 31)).ToArray());

    public static string Json(string payload) => payload switch
    {
        UpdateNewMessage => """
            {"id":"c1767034856203528000","seq":6,"createdAt":1767034856204,
             "body":{"t":"new-message","sid":"cmbench000000000000000001",
               "message":{"id":"c1767034856201859000","seq":1,"localId":"lid-000001","createdAt":1767034856000,"updatedAt":1767034856000,
                 "content":{"t":"encrypted","c":"CIPHER"}}}}
            """.Replace("CIPHER", Cipher, StringComparison.Ordinal),
        UpdateTerminal => """
            {"id":"c1767034856144915000","seq":5,"createdAt":1767034856144,
             "body":{"t":"update-terminal","terminalId":"term-0001","metadata":{"value":"bWV0YWRhdGEgY2lwaGVy","version":2}}}
            """,
        UserTextRecord => """
            {"role":"user","content":{"type":"text","text":"Please refactor the session reducer so that every command is emitted after the state commits, and add a test for the reply ordering."},"meta":{"model":"gpt-5","permissionMode":"default"}}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(payload), payload, "unknown codec payload"),
    };
}

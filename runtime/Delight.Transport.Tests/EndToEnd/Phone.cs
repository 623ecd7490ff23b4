using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Protocol.Crypto;
using Delight.Runtime.Session;
using Delight.Transport.Http;
using Delight.Transport.SocketIo;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>The phone side on real transports: the HTTP adapter and one user-scoped socket, with the account's
/// master secret (as after pairing). It unwraps the session DEK from the relay and speaks the wire format.</summary>
public sealed class Phone : IAsyncDisposable
{
    private ContentCipher? cipher;

    public Phone(Uri relay, HttpClient http, byte[] masterSecret)
    {
        MasterSecret = masterSecret;
        Http = RelayHttpClient.ForMasterSecret(http, masterSecret, new RelayHttpClientOptions { BaseUri = relay }, TestLog.Logger);
        Socket = new SocketIoConnection(
            new SocketIoConnectionOptions
            {
                ServerUri = relay,
                Scope = SocketScope.UserScoped(),
                ReconnectDelay = TimeSpan.FromMilliseconds(200),
                ReconnectDelayMax = TimeSpan.FromSeconds(1),
            },
            Http,
            TestLog.Logger);
        Socket.SetHandler(Handler);
    }

    public byte[] MasterSecret { get; }

    public RelayHttpClient Http { get; }

    public SocketIoConnection Socket { get; }

    public RecordingSocketHandler Handler { get; } = new();

    public byte[]? DataKey { get; private set; }

    /// <summary>Reads the session over HTTP and unwraps its DEK with the content key derived from the master secret.</summary>
    public async Task<byte[]> OpenSessionAsync(string sessionId)
    {
        var session = await Http.GetSessionAsync(sessionId);
        var content = ContentKeyPair.FromMasterSecret(MasterSecret);
        DataKey = WrappedDataKey.Unwrap(session.DataEncryptionKey.Value, content.SecretKey);
        cipher = new ContentCipher(DataKey, SystemRandomSource.Instance);
        return DataKey;
    }

    public async Task ConnectAsync()
    {
        await Socket.ConnectAsync();
        await Handler.NextAsync<SocketReport.Connected>();
    }

    private ContentCipher Cipher => cipher ?? throw new InvalidOperationException("open the session first");

    /// <summary>Sends a user text message (PROTOCOL.md §2.1 <c>message</c>, §6.2 record).</summary>
    public Task SendTextAsync(string sessionId, string text, string localId) =>
        SendCipherAsync(sessionId, Cipher.EncryptToBase64(Encoding.UTF8.GetBytes(SessionWire.UserTextRecord(text))), localId);

    public Task SendCipherAsync(string sessionId, string cipherBase64, string localId) =>
        Socket.EmitAsync("message", JsonSerializer.Serialize(new { sid = sessionId, localId, message = cipherBase64 }));

    /// <summary><c>rpc-call</c> with plaintext JSON params (as the Go SDK sends); returns the relay's ack.</summary>
    public async Task<JsonNode> RpcAsync(string sessionId, string method, string paramsJson)
    {
        var ack = await Socket.EmitWithAckAsync(
            "rpc-call", JsonSerializer.Serialize(new { method = sessionId + ":" + method, @params = paramsJson }), TimeSpan.FromSeconds(15));
        return JsonNode.Parse(ack)!;
    }

    /// <summary>Waits for the next <c>new-message</c> update of the session and returns its decrypted plaintext.</summary>
    public async Task<string> NextMessageAsync(string sessionId)
    {
        var update = await Handler.NextAsync<SocketReport.Event>(e =>
            e.Name == "update" && JsonNode.Parse(e.PayloadJson)?["body"] is { } body
            && body["t"]?.GetValue<string>() == "new-message" && body["sid"]?.GetValue<string>() == sessionId);
        var c = JsonNode.Parse(update.PayloadJson)!["body"]!["message"]!["content"]!["c"]!.GetValue<string>();
        return Decrypt(c);
    }

    public string Decrypt(string cipherBase64) =>
        Cipher.TryDecryptFromBase64(cipherBase64, out var plaintext, out var reason)
            ? Encoding.UTF8.GetString(plaintext)
            : throw new InvalidOperationException("phone could not decrypt: " + reason);

    public async ValueTask DisposeAsync()
    {
        await Socket.DisposeAsync();
        cipher?.Dispose();
    }
}

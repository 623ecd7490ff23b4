using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

public sealed class RelayHttpHandlerTests
{
    private static HttpClient Client(RelayHarness relay) => new(new Delight.Runtime.Relay.Http.RelayHttpHandler(relay.Api)) { BaseAddress = new Uri("http://relay.test") };

    [Test]
    public async Task ChallengeLoginThenSessionsAndMessagesOverHttpClient()
    {
        await using var relay = new RelayHarness();
        using var http = Client(relay);
        var publicKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

        var challenge = await (await http.PostAsJsonAsync("/v1/auth/challenge", new { publicKey = Convert.ToBase64String(publicKey) })).Content.ReadFromJsonAsync<JsonElement>();
        var challengeBytes = Convert.FromBase64String(challenge.GetProperty("challenge").GetString()!);
        var login = await http.PostAsJsonAsync("/v1/auth", new
        {
            publicKey = Convert.ToBase64String(publicKey),
            challengeId = challenge.GetProperty("challengeId").GetString(),
            signature = Convert.ToBase64String(TestChallengeVerifier.Sign(publicKey, challengeBytes)),
        });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        var replay = await http.PostAsJsonAsync("/v1/auth", new
        {
            publicKey = Convert.ToBase64String(publicKey),
            challengeId = challenge.GetProperty("challengeId").GetString(),
            signature = Convert.ToBase64String(TestChallengeVerifier.Sign(publicKey, challengeBytes)),
        });
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a challenge is single-use");

        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + token);
        var terminal = await http.PostAsJsonAsync("/v1/terminals", new { id = "t-1", metadata = "bWV0YQ==" });
        Assert.That(terminal.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var noKey = await http.PostAsJsonAsync("/v1/sessions", new { tag = "t-1:claude", terminalId = "t-1", metadata = "bWV0YQ==" });
        Assert.That((noKey.StatusCode, await noKey.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.BadRequest, "{\"error\":\"dataEncryptionKey is required\"}")));
        var created = await http.PostAsJsonAsync("/v1/sessions", new { tag = "t-1:claude", terminalId = "t-1", metadata = "bWV0YQ==", dataEncryptionKey = Convert.ToBase64String(new byte[105]) });
        var session = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session");
        var sid = session.GetProperty("id").GetString()!;
        Assert.That(session.GetProperty("metadataVersion").GetInt64(), Is.Zero);

        var list = await http.GetFromJsonAsync<JsonElement>("/v1/sessions?limit=10");
        Assert.That(list.GetProperty("sessions")[0].GetProperty("id").GetString(), Is.EqualTo(sid));
        var terminals = await http.GetFromJsonAsync<JsonElement>("/v1/terminals");
        Assert.That(terminals.ValueKind, Is.EqualTo(JsonValueKind.Array), "GET /v1/terminals answers a bare array");

        var accountId = relay.Tokens.Verify(token!)!;
        var cli = await relay.SessionSocketAsync(sid, accountId);
        for (var i = 0; i < 5; i++)
        {
            await relay.EmitAsync(cli, "message", new { message = "m" + i });
        }

        var newest = await http.GetFromJsonAsync<JsonElement>($"/v1/sessions/{sid}/messages?limit=2");
        Assert.That(newest.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()), Is.EqualTo(new[] { 4L, 5L }));
        Assert.That(newest.GetProperty("page").GetRawText(), Is.EqualTo("{\"hasMore\":true,\"nextBeforeSeq\":4}"));
        var before = await http.GetFromJsonAsync<JsonElement>($"/v1/sessions/{sid}/messages?limit=2&beforeSeq=4");
        Assert.That(before.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()), Is.EqualTo(new[] { 2L, 3L }));
        var after = await http.GetFromJsonAsync<JsonElement>($"/v1/sessions/{sid}/messages?afterSeq=3");
        Assert.That(after.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()), Is.EqualTo(new[] { 4L, 5L }));
        Assert.That(after.GetProperty("page").GetProperty("hasMore").GetBoolean(), Is.False);
        Assert.That(after.GetProperty("messages")[0].GetProperty("content").GetRawText(), Is.EqualTo("{\"t\":\"encrypted\",\"c\":\"m3\"}"));
    }

    [Test]
    public async Task BadRequestsGetTypedErrors()
    {
        await using var relay = new RelayHarness();
        using var http = Client(relay);
        Assert.That((await http.GetAsync("/v1/sessions")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        http.DefaultRequestHeaders.Add("Authorization", "Bearer not-a-token");
        var invalid = await http.GetAsync("/v1/sessions");
        Assert.That((invalid.StatusCode, await invalid.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.Unauthorized, "{\"error\":\"invalid token\"}")));

        http.DefaultRequestHeaders.Remove("Authorization");
        http.DefaultRequestHeaders.Add("Authorization", relay.Token()); // raw token accepted
        using var garbage = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        Assert.That((await http.PostAsync("/v1/sessions", garbage)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await http.GetAsync("/v1/sessions/nope")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.GetAsync("/v1/nothing")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var unknownTerminal = await http.PostAsJsonAsync("/v1/sessions", new { tag = "x", terminalId = "nope", metadata = "m", dataEncryptionKey = "AAAA" });
        Assert.That((unknownTerminal.StatusCode, await unknownTerminal.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.NotFound, "{\"error\":\"terminal not found\"}")));
    }
}

using System.Globalization;
using Delight.Protocol.Wire.Records;
using Delight.Runtime.Session;

namespace Delight.Transport.Http;

/// <summary>
/// The session's catch-up source in production: <c>GET /v1/sessions/:id/messages?afterSeq=N&amp;limit=L</c>
/// (PROTOCOL.md §7) through <see cref="RelayHttpClient"/>, so login, token refresh and typed errors are the client's.
/// In <c>afterSeq</c> mode the relay never reports <c>hasMore</c> (§7 paging, §13), so this pages by count: it asks
/// again after the last seq while a page comes back full. Every failure is a <see cref="RelayHttpException"/>, which
/// the session turns into a catch-up retry.
/// </summary>
public sealed class RelayHttpSessionHistory : ISessionHistory
{
    /// <summary>The relay's largest page (§7: <c>limit</c> default 100, max 500).</summary>
    public const int MaxPageSize = 500;

    private readonly RelayHttpClient http;

    public RelayHttpSessionHistory(RelayHttpClient http, int pageSize = MaxPageSize)
    {
        ArgumentNullException.ThrowIfNull(http);

        // Above the relay's cap a full page would look short and paging would stop early, losing messages.
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        this.http = http;
        PageSize = pageSize;
    }

    public int PageSize { get; }

    public async Task<IReadOnlyList<StoredSessionMessage>> FetchAfterAsync(string sessionId, long afterSeq, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var stored = new List<StoredSessionMessage>();
        var cursor = afterSeq;
        while (true)
        {
            var response = await http.GetMessagesAsync(sessionId, PageSize, afterSeq: cursor, cancellationToken: cancellationToken).ConfigureAwait(false);
            var path = PathOf(sessionId, cursor);
            if (!response.Messages.HasValue || response.Messages.IsNull || response.Messages.Value.IsDefault)
            {
                throw Malformed(path, "response has no 'messages'");
            }

            var page = response.Messages.Value;
            foreach (var message in page)
            {
                var seq = message.Seq.HasValue && !message.Seq.IsNull
                    ? message.Seq.Value
                    : throw Malformed(path, "a message has no 'seq'");

                // Ascending and past the cursor, or the runtime's order breaks and paging could loop on one page.
                if (seq <= cursor)
                {
                    throw Malformed(path, string.Create(CultureInfo.InvariantCulture, $"message seq {seq} is not after {cursor}"));
                }

                cursor = seq;
                var id = message.Id.Value is { Length: > 0 } value ? value : throw Malformed(path, "a message has no 'id'");

                // Only encrypted content can be a phone text; another variant is stepped over (the cursor still moves).
                if (message.Content.Value is EncryptedContent encrypted)
                {
                    stored.Add(new StoredSessionMessage(seq, id, message.LocalId.Value, encrypted.C));
                }
            }

            if (page.Length < PageSize)
            {
                return stored;
            }
        }
    }

    private string PathOf(string sessionId, long cursor) =>
        string.Create(CultureInfo.InvariantCulture, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/messages?limit={PageSize}&afterSeq={cursor}");

    private static RelayHttpException Malformed(string path, string what) =>
        new(RelayHttpErrorKind.MalformedResponse, "GET", path, 200, what);
}

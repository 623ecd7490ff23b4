namespace Delight.Runtime.Mailbox;

/// <summary>
/// The one queue abstraction every queue in the system uses (the session inbox, the effects runner's queue,
/// the agent send queue, the SDK dispatcher and its callback worker, the relay's ingest queue).
/// Production uses <see cref="ChannelMailbox{T}"/>; simulation uses <see cref="SimulationMailbox{T}"/>, built only
/// on primitives Coyote controls. Bounded; a full mailbox makes the poster wait (or fail loudly), never drop.
/// Many writers, one reader.
/// </summary>
public interface IMailbox<T>
{
    /// <summary>Name used in errors and traces ("session-inbox", "effects", ...).</summary>
    string Name { get; }

    int Capacity { get; }

    /// <summary>Items currently queued.</summary>
    int Count { get; }

    /// <summary>Posts an item. When the mailbox is full it waits for room (or throws <see cref="MailboxFullException"/>
    /// when the mailbox was created with <see cref="MailboxFullMode.Fail"/>). Throws <see cref="MailboxClosedException"/>
    /// after <see cref="Complete"/>.</summary>
    ValueTask PostAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Posts without waiting. Returns false when full (the caller must handle it loudly) and throws
    /// <see cref="MailboxClosedException"/> after <see cref="Complete"/>.</summary>
    bool TryPost(T item);

    /// <summary>Takes the next item if one is queued (reader side only).</summary>
    bool TryReceive(out T item);

    /// <summary>Waits until an item is available (true) or the mailbox is completed and drained (false).</summary>
    ValueTask<bool> WaitToReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>No more posts; the reader drains what is queued, then <see cref="WaitToReceiveAsync"/> returns false.</summary>
    void Complete();
}

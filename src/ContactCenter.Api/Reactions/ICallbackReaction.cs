using ContactCenter.Api.Conferences;

namespace ContactCenter.Api.Reactions;

/// <summary>
/// Something the service does because Twilio reported something: run after the callback has been stored and answered,
/// by <see cref="ReactionWorker"/>, from a durable queue (the <c>reactions</c> table). Register with
/// <c>services.AddCallbackReaction&lt;T&gt;()</c>. The <c>Wants</c> filters run in the webhook request and must be cheap
/// (no I/O): only callbacks they accept are queued, once per callback whatever the number of deliveries. Reactions of
/// one room run one at a time in the order their callbacks were stored; different rooms run in parallel.
/// </summary>
public interface ICallbackReaction
{
    /// <summary>Stored with each queued row: stable, short, unique among reactions (e.g. <c>transfer</c>).</summary>
    string Name { get; }

    bool Wants(StoredConferenceEvent conferenceEvent) => false;

    bool Wants(StoredCallStatus callStatus) => false;

    /// <summary>
    /// Optional SQL condition checked inside the callback's transaction before a wanted conference event is queued
    /// (<c>{sid}</c> stands for its ConferenceSid), e.g. "the room has an active transfer": no row, no work, for the rest.
    /// </summary>
    string? ConferenceEventCondition => null;

    /// <summary>The condition for this event (by default <see cref="ConferenceEventCondition"/>, the same for every event).</summary>
    string? ConditionFor(StoredConferenceEvent conferenceEvent) => ConferenceEventCondition;

    /// <summary>As <see cref="ConferenceEventCondition"/> for call progress; <c>{sid}</c> stands for the leg's CallSid.</summary>
    string? CallStatusCondition => null;

    /// <summary>
    /// Writes (built without I/O) made in a conference event's own commit, wanted or not, when an effect must not wait for a
    /// queued row to be run: e.g. routing puts a joining caller in line (and needs no row for it). They must be idempotent
    /// (a redelivery runs them again).
    /// </summary>
    IEnumerable<Storage.StorageWrite> WritesWith(StoredConferenceEvent conferenceEvent, DateTime now) => [];

    /// <summary>
    /// Runs in the webhook request (no I/O) once the commit that stored a new conference event is done, wanted or not;
    /// <paramref name="affected"/> holds the rows each of this reaction's <see cref="WritesWith"/> writes changed, in order.
    /// </summary>
    void Committed(StoredConferenceEvent conferenceEvent, ReadOnlySpan<int> affected)
    {
    }

    Task OnConferenceEventAsync(StoredConferenceEvent conferenceEvent, ReactionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task OnCallStatusAsync(StoredCallStatus callStatus, ReactionContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// One run of one queued reaction. A reaction that throws is retried (with backoff, a bounded number of times) when the
/// failure is transient and it has not called <see cref="BeforeDialAsync"/>; after that call its outcome is unknown and it
/// is never run again by the queue: the row is marked <c>unknown</c> for the reconciler or ops.
/// </summary>
public sealed class ReactionContext(long id, int attempt, Func<CancellationToken, Task> markMayHaveDialed)
{
    public long Id => id;

    /// <summary>1 for the first run.</summary>
    public int Attempt => attempt;

    public bool MayHaveDialed { get; private set; }

    /// <summary>Records durably, before a request that can ring someone (creating a call or participant), that it may have been sent.</summary>
    public async Task BeforeDialAsync(CancellationToken cancellationToken)
    {
        await markMayHaveDialed(cancellationToken);
        MayHaveDialed = true;
    }
}

/// <summary>A reaction asks to be run again later (the same rules as a transient error apply).</summary>
public sealed class ReactionRetryException(string message, Exception? inner = null) : Exception(message, inner);

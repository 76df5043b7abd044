using System.Collections.Frozen;
using ContactCenter.Api.Operations;
using ContactCenter.Api.Twilio;
using ContactCenter.Api.Voice;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Conferences;

/// <summary>
/// Twilio's status callbacks for rooms, dialed legs and recordings: validated, stored exactly once, 200.
/// A duplicate is acknowledged like the original. Malformed input is a 400 problem, another account's callback a 403.
/// </summary>
public static partial class ConferenceEventEndpoints
{
    public static IServiceCollection AddConferenceState(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConferenceEventWriter>();
        services.AddSingleton<IConferenceStore, ConferenceStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapConferenceEvents(this IEndpointRouteBuilder endpoints)
    {
        var twilio = endpoints.MapTwilioWebhooks();
        twilio.MapPost("/conference-events", HandleConferenceEvent).AddEndpointFilter(new CallbackTelemetry("conference-event"));
        twilio.MapPost("/call-status", HandleCallStatus).AddEndpointFilter(new CallbackTelemetry("call-status"));
        twilio.MapPost("/recording-status", HandleRecordingStatus).AddEndpointFilter(new CallbackTelemetry("recording-status"));
        return endpoints;
    }

    public static async Task<Results<Ok, ProblemHttpResult, StatusCodeHttpResult>> HandleConferenceEvent(
        ConferenceEventCallback callback,
        TwilioWebhookForm form,
        HttpRequest request,
        ConferenceEventWriter writer,
        IOptions<TwilioOptions> twilio,
        TimeProvider time,
        ILogger<ConferenceEventCallback> logger,
        CancellationToken cancellationToken)
    {
        if (!Sids.IsConferenceSid(callback.ConferenceSid))
        {
            return Malformed(logger, "/conference-events", "ConferenceSid must be 'CF' followed by 32 hexadecimal characters.");
        }

        if (!TwilioValues.TryParseSequence(callback.SequenceNumber, out var sequence))
        {
            return Malformed(logger, "/conference-events", "SequenceNumber must be a non-negative whole number.");
        }

        if (OtherAccount(callback.AccountSid, twilio.Value, logger, "/conference-events") is { } refused)
        {
            return refused;
        }

        var eventType = string.IsNullOrWhiteSpace(callback.StatusCallbackEvent) ? "unknown" : callback.StatusCallbackEvent.Trim();
        var fields = Stored(form, CallbackFields.Conference, logger, "/conference-events");
        FromQuery(fields, request, 64, "queue", "priority");
        if (eventType == "participant-join" && fields.GetValueOrDefault("ParticipantLabel") == ConferenceTwiml.CustomerLabel)
        {
            FromQuery(fields, request, 512, CallerNumbers.Field); // kept on the one event that makes the queue entry
        }

        var payload = TwilioValues.RawJson(fields);
        var stored = new StoredConferenceEvent(
            callback.ConferenceSid!, sequence, eventType, NullIfEmpty(callback.CallSid), TwilioValues.ParseTimestamp(callback.Timestamp),
            time.GetUtcNow(), fields);
        var isNew = await writer.AddConferenceEventAsync(stored, NullIfEmpty(callback.FriendlyName), callback.AccountSid, payload, cancellationToken);
        CallbackTelemetry.Stored(request.HttpContext, TraceParents.ConferenceEventKey(stored.ConferenceSid, sequence), isNew, stored.ConferenceSid, stored.CallSid);
        LogConferenceEvent(logger, eventType, callback.ConferenceSid!, sequence, isNew ? "stored" : "duplicate");
        return TypedResults.Ok();
    }

    public static async Task<Results<Ok, ProblemHttpResult, StatusCodeHttpResult>> HandleCallStatus(
        CallStatusCallback callback,
        TwilioWebhookForm form,
        HttpRequest request,
        ConferenceEventWriter writer,
        IOptions<TwilioOptions> twilio,
        TimeProvider time,
        ILogger<ConferenceEventCallback> logger,
        CancellationToken cancellationToken)
    {
        if (!Sids.IsCallSid(callback.CallSid))
        {
            return Malformed(logger, "/call-status", "CallSid must be 'CA' followed by 32 hexadecimal characters.");
        }

        if (string.IsNullOrWhiteSpace(callback.CallStatus))
        {
            return Malformed(logger, "/call-status", "CallStatus is required.");
        }

        if (!TwilioValues.TryParseSequence(callback.SequenceNumber, out var sequence))
        {
            return Malformed(logger, "/call-status", "SequenceNumber must be a non-negative whole number.");
        }

        if (OtherAccount(callback.AccountSid, twilio.Value, logger, "/call-status") is { } refused)
        {
            return refused;
        }

        var fields = Stored(form, CallbackFields.CallStatus, logger, "/call-status");
        FromQuery(fields, request, 64, "offer", "claim");
        var payload = TwilioValues.RawJson(fields);
        var stored = new StoredCallStatus(
            callback.CallSid!, callback.CallStatus.Trim(), sequence, NullIfEmpty(callback.ParentCallSid), NullIfEmpty(callback.Direction),
            NullIfEmpty(callback.From), NullIfEmpty(callback.To), TwilioValues.ParseTimestamp(callback.Timestamp), time.GetUtcNow(),
            fields);
        var isNew = await writer.AddCallStatusAsync(stored, payload, cancellationToken);
        CallbackTelemetry.Stored(request.HttpContext, TraceParents.CallStatusKey(stored.CallSid, stored.CallStatus, sequence), isNew, null, stored.CallSid);
        LogCallStatus(logger, stored.CallStatus, stored.CallSid, sequence, isNew ? "stored" : "duplicate");
        return TypedResults.Ok();
    }

    private static SortedDictionary<string, string> Stored(TwilioWebhookForm form, FrozenSet<string> documented, ILogger logger, string path)
    {
        var stored = TwilioValues.StoredFields(form.Fields, documented);
        if (stored.DroppedFields > 0)
        {
            LogDropped(logger, path, stored.DroppedFields, stored.DroppedBytes);
        }

        return stored.Fields;
    }

    /// <summary>
    /// Routing's marks on the callback URL (the signed query: <c>queue</c>/<c>priority</c> on a routed room's events and the
    /// sealed <c>caller</c> number on its customer's join, <c>offer</c> on a routed agent leg's progress, <c>claim</c> on a
    /// hand-dialed agent leg's), kept with the stored fields in lower case, apart from Twilio's own.
    /// </summary>
    private static void FromQuery(SortedDictionary<string, string> fields, HttpRequest request, int maxLength, params string[] names)
    {
        foreach (var name in names)
        {
            if (request.Query.TryGetValue(name, out var values) && values.Count == 1 && values[0] is { Length: > 0 } value && value.Length <= maxLength)
            {
                fields[name] = value;
            }
        }
    }

    private static ProblemHttpResult Malformed(ILogger logger, string path, string detail)
    {
        LogMalformed(logger, path, detail);
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback", detail: detail);
    }

    private static StatusCodeHttpResult? OtherAccount(string? accountSid, TwilioOptions twilio, ILogger logger, string path)
    {
        if (string.IsNullOrEmpty(twilio.AccountSid) || string.Equals(accountSid, twilio.AccountSid, StringComparison.Ordinal))
        {
            return null;
        }

        LogOtherAccount(logger, path, accountSid ?? "(none)");
        return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conference {EventType} {ConferenceSid} #{SequenceNumber}: {Outcome}")]
    private static partial void LogConferenceEvent(ILogger logger, string eventType, string conferenceSid, long sequenceNumber, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallStatus} {CallSid} #{SequenceNumber}: {Outcome}")]
    private static partial void LogCallStatus(ILogger logger, string callStatus, string callSid, long sequenceNumber, string outcome);

    // Counts only: the left-out names and values may carry anything, phone numbers included.
    [LoggerMessage(Level = LogLevel.Information, Message = "Left {DroppedFields} undocumented or oversized fields ({DroppedBytes} bytes) of a callback to {Path} out of storage")]
    private static partial void LogDropped(ILogger logger, string path, int droppedFields, int droppedBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a malformed callback to {Path}: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a callback to {Path} for another account {AccountSid}")]
    private static partial void LogOtherAccount(ILogger logger, string path, string accountSid);
}

using System.Text.RegularExpressions;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Twilio;
using ContactCenter.Api.Twiml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// What a queued caller hears: <c>GET /queue-wait</c> (the conference's waitUrl, fetched by Twilio in a loop) and
/// <c>/voicemail</c> (where a caller waiting too long is redirected). Both are signed Twilio routes; neither ever
/// answers Twilio with an error it would read out to the caller, only safe TwiML (or 400/403 for forged input).
/// </summary>
public static partial class QueueWaitEndpoints
{
    public static IServiceCollection AddQueueWait(this IServiceCollection services)
    {
        services.AddOptions<QueueWaitOptions>().BindConfiguration(QueueWaitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AnnouncementClock>();
        services.AddSingleton<IMaxWaitAction, MaxWaitRedirect>();
        services.AddSingleton<VoicemailStore>();
        services.AddHostedService<QueueWaitStartupWarnings>();
        return services;
    }

    public static IEndpointRouteBuilder MapQueueWait(this IEndpointRouteBuilder endpoints)
    {
        var twilio = endpoints.MapTwilioWebhooks();
        twilio.MapGet("/queue-wait", HandleQueueWait);
        twilio.MapPost("/voicemail", HandleVoicemail);
        endpoints.MapAdminVoicemails();
        return endpoints;
    }

    /// <summary>A queue id as it may appear in a URL we give Twilio.</summary>
    public static bool IsQueueId(string? id) => id is { Length: > 0 and <= 64 } && QueueIdPattern().IsMatch(id);

    public static async Task<TwimlResult> HandleQueueWait(
        TwilioWebhookForm form,
        [FromServices] IEnumerable<IQueuePositions> registered,
        AnnouncementClock clock,
        IOptions<QueueWaitOptions> wait,
        IOptions<ConferenceOptions> conference,
        ILogger<QueueWaitOptions> logger,
        CancellationToken cancellationToken)
    {
        var music = MusicUrl(wait.Value, conference.Value);
        var callSid = form.Single("CallSid");
        if (!Sids.IsCallSid(callSid))
        {
            return QueueWaitTwiml.Wait(null, music);
        }

        // Routing registers the one IQueuePositions (in any order with this feature); none: nobody is queued.
        if (registered.LastOrDefault() is not { } positions)
        {
            return QueueWaitTwiml.Wait(null, music);
        }

        QueuePosition? position;
        try
        {
            position = await positions.GetAsync(callSid!, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The caller keeps hearing music whatever went wrong; Twilio asks again when it ends.
            LogPositionFailed(logger, callSid!, error);
            return QueueWaitTwiml.Wait(null, music);
        }

        var announce = position is { Position: > 0 } && clock.TryAnnounce(callSid!);
        return QueueWaitTwiml.Wait(announce ? QueueWaitTwiml.Announcement(position!) : null, music);
    }

    public static Results<TwimlResult, ProblemHttpResult> HandleVoicemail(
        string? queue,
        string? done,
        HttpRequest request,
        IOptions<TwilioOptions> twilio,
        IOptions<QueueWaitOptions> wait)
    {
        if (!IsQueueId(queue))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid queue",
                detail: "queue must be 1 to 64 letters, digits, '-' or '_'.");
        }

        return done == "true"
            ? QueueWaitTwiml.Goodbye(wait.Value)
            : QueueWaitTwiml.Voicemail(TwilioPublicUrl.Base(request, twilio.Value), queue!, wait.Value);
    }

    public static string MusicUrl(QueueWaitOptions wait, ConferenceOptions conference) =>
        wait.MusicUrl is { Length: > 0 } music ? music : conference.WaitMusicUrl;

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex QueueIdPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the queue position of {CallSid}; it hears the music only")]
    private static partial void LogPositionFailed(ILogger logger, string callSid, Exception error);
}

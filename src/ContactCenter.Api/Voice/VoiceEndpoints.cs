using ContactCenter.Api.Conferences;
using ContactCenter.Api.Observability;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Twilio;
using ContactCenter.Api.Twiml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Voice;

public static partial class VoiceEndpoints
{
    public static IServiceCollection AddVoice(this IServiceCollection services)
    {
        services.AddOptions<VoiceOptions>().BindConfiguration(VoiceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConferenceOptions>().BindConfiguration(ConferenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallerNumbers>();
        return services;
    }

    public static IEndpointRouteBuilder MapVoice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTwilioWebhooks().MapPost("/voice", HandleIncomingCall);
        return endpoints;
    }

    /// <summary>Twilio's incoming-call webhook: greet the caller and place them in their own room.</summary>
    public static Results<TwimlResult, ProblemHttpResult> HandleIncomingCall(
        VoiceRequest call,
        HttpRequest request,
        IOptions<TwilioOptions> twilio,
        IOptions<ConferenceOptions> conference,
        IOptions<VoiceOptions> voice,
        IOptions<RoutingOptions> routing,
        CallerNumbers callers,
        ILogger<VoiceRequest> logger)
    {
        if (!Sids.IsCallSid(call.CallSid))
        {
            LogBadCallSid(logger);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid CallSid",
                detail: "CallSid must be 'CA' followed by 32 hexadecimal characters.");
        }

        var room = ConferenceTwiml.RoomName(call.CallSid!);
        LogIncomingCall(logger, call.CallSid!, PhoneMask.Mask(call.From), room);

        // A routed caller's number rides sealed on the room's callbacks into its queue entry: the desk shows who is calling
        // without a write on this route. Unrouted rooms carry nothing.
        var route = routing.Value.Route(call.To);
        return ConferenceTwiml.ForCaller(
            call.CallSid!, TwilioPublicUrl.Base(request, twilio.Value), conference.Value, voice.Value,
            route is null ? null : route with { CallerToken = callers.Protect(call.From) });
    }

    // Debug: the request-completed line already carries CallSid and the masked caller; this one would double the log volume.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Incoming call {CallSid} from {From} placed in {Room}")]
    private static partial void LogIncomingCall(ILogger logger, string callSid, string from, string room);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an incoming-call webhook with a malformed CallSid")]
    private static partial void LogBadCallSid(ILogger logger);
}

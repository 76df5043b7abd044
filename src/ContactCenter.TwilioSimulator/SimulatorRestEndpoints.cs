using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.TwilioSimulator;

/// <summary>The Twilio REST subset the gateway uses, at Twilio's own paths under /sim/twilio.</summary>
public static class SimulatorRestEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorRest(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup(SimulatorActivation.RestPrefix + "/2010-04-01/Accounts/{AccountSid}")
            .AddEndpointFilter<SimulatorBasicAuthFilter>()
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithTags("Twilio simulator");

        account.MapGet("/Conferences.json", SimulatorConferenceApi.ListConferences);
        account.MapGet("/Conferences/{ConferenceSid}.json", SimulatorConferenceApi.GetConference);
        account.MapPost("/Conferences/{ConferenceSid}.json", SimulatorConferenceApi.UpdateConference);
        account.MapGet("/Conferences/{ConferenceSid}/Participants.json", SimulatorConferenceApi.ListParticipants);
        account.MapPost("/Conferences/{ConferenceSid}/Participants.json", SimulatorConferenceApi.CreateParticipant);
        account.MapGet("/Conferences/{ConferenceSid}/Participants/{CallSid}.json", SimulatorConferenceApi.GetParticipant);
        account.MapPost("/Conferences/{ConferenceSid}/Participants/{CallSid}.json", SimulatorConferenceApi.UpdateParticipant);
        account.MapDelete("/Conferences/{ConferenceSid}/Participants/{CallSid}.json", SimulatorConferenceApi.RemoveParticipant);
        account.MapPost("/Calls.json", SimulatorCallApi.CreateCall);
        account.MapGet("/Calls/{CallSid}.json", SimulatorCallApi.GetCall);
        account.MapPost("/Calls/{CallSid}.json", SimulatorCallApi.UpdateCall);
        account.MapPost("/Calls/{CallSid}/Recordings.json", SimulatorCallApi.StartRecording);
        return endpoints;
    }
}

/// <summary>Twilio's answers: the resource as JSON, or Twilio's error document with its HTTP status.</summary>
public static class TwilioReply
{
    public static Results<JsonHttpResult<T>, JsonHttpResult<TwilioError>> Run<T>(Func<T> action, int status = StatusCodes.Status200OK)
    {
        try
        {
            return TypedResults.Json(action(), SimulatorResources.Json, statusCode: status);
        }
        catch (SimulatorApiException error)
        {
            return Error(error);
        }
    }

    public static JsonHttpResult<TwilioError> Error(SimulatorApiException error) =>
        TypedResults.Json(SimulatorResources.Error(error.Status, error.Code, error.Message), SimulatorResources.Json, statusCode: error.Status);

    /// <summary>Twilio accepts true/false in any case; anything else is refused rather than guessed.</summary>
    public static bool? Bool(string? value, string name) =>
        value switch
        {
            null or "" => null,
            _ when bool.TryParse(value, out var parsed) => parsed,
            _ => throw new SimulatorApiException(400, TwilioErrorCodes.InvalidParameter, $"{name} must be true or false, not '{value}'."),
        };

    public static int? Int(string? value, string name) =>
        value switch
        {
            null or "" => null,
            _ when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new SimulatorApiException(400, TwilioErrorCodes.InvalidParameter, $"{name} must be an integer, not '{value}'."),
        };

    /// <summary>Repeated keys (Twilio's SDKs send StatusCallbackEvent=a&amp;StatusCallbackEvent=b) or one space-separated value.</summary>
    public static IReadOnlySet<string> Events(HttpRequest request, string name) =>
        request.HasFormContentType ? TwimlInstructions.Events(request.Form[name].ToArray()) : new HashSet<string>();
}

/// <summary>HTTP Basic with the simulator's AccountSid and auth token, as Twilio authenticates REST calls.</summary>
internal sealed class SimulatorBasicAuthFilter(IOptions<SimulatorOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!IsValid(header, SimulatorActivation.AccountSid, options.Value.AuthToken))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            return TwilioReply.Error(new SimulatorApiException(401, TwilioErrorCodes.Authenticate, "Authenticate"));
        }

        if (!string.Equals(http.GetRouteValue("AccountSid") as string, SimulatorActivation.AccountSid, StringComparison.Ordinal))
        {
            return TwilioReply.Error(SimulatorApiException.NotFound($"/Accounts/{http.GetRouteValue("AccountSid")}"));
        }

        return await next(context);
    }

    private static bool IsValid(string header, string? accountSid, string? authToken)
    {
        const string Scheme = "Basic ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || accountSid is null || authToken is null)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[512];
        if (!Convert.TryFromBase64String(header[Scheme.Length..].Trim(), decoded, out var written))
        {
            return false;
        }

        return Encoding.UTF8.GetString(decoded[..written]) == $"{accountSid}:{authToken}";
    }
}

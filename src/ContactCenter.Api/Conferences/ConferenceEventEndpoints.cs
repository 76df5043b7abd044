using Microsoft.AspNetCore.Http.HttpResults;

using ContactCenter.Api.Twilio;

namespace ContactCenter.Api.Conferences;

public static class ConferenceEventEndpoints
{
    public static IEndpointRouteBuilder MapConferenceEvents(this IEndpointRouteBuilder endpoints)
    {
        var twilio = endpoints.MapTwilioWebhooks();
        twilio.MapPost("/conference-events", Acknowledge);
        twilio.MapPost("/recording-status", Acknowledge);
        return endpoints;
    }

    // The conference-state capability records these; until then they are validated and acknowledged.
    public static NoContent Acknowledge() => TypedResults.NoContent();
}

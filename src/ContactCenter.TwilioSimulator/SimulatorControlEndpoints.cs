using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.TwilioSimulator;

/// <summary>Development controls: place an inbound call, make a phone answer or hang up, ask who hears whom.</summary>
public static class SimulatorControlEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorControl(this IEndpointRouteBuilder endpoints)
    {
        var sim = endpoints.MapGroup("/sim").ExcludeFromDescription().WithTags("Twilio simulator controls");
        sim.MapPost("/calls", PlaceCall);
        sim.MapGet("/calls/{callSid}", GetCall);
        sim.MapPost("/phones/{callSid}/answer", AnswerPhone);
        sim.MapPost("/phones/{callSid}/hangup", HangUpPhone);
        sim.MapGet("/conferences/{friendlyNameOrSid}/audibility", GetAudibility);
        sim.MapGet("/callbacks", ListCallbacks);
        sim.MapPost("/callbacks/drops", AddDrop);
        sim.MapGet("/callbacks/drops", (SimulatorCallbackDrops drops) => TypedResults.Ok(drops.Rules));
        sim.MapDelete("/callbacks/drops", ClearDrops);
        return endpoints;
    }

    /// <summary>Dials the service: the signed /voice webhook runs and its TwiML is executed before this answers.</summary>
    public static async Task<Results<Created<PlacedCall>, ValidationProblem, ProblemHttpResult>> PlaceCall(
        PlaceCallRequest body, InboundCallPlacer placer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.From) || string.IsNullOrWhiteSpace(body.To))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["from"] = ["from and to are required: the caller's number and the number dialed."],
            });
        }

        var result = await placer.PlaceAsync(body.From, body.To, cancellationToken);
        if (result.WebhookStatus is < 200 or > 299)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "The voice webhook failed",
                detail: $"POST /voice for {result.Call.Sid} answered {result.WebhookStatus}; the call {result.Call.Status}.");
        }

        var placed = new PlacedCall(result.Call.Sid, result.Call.Status, result.Call.ConferenceSid, result.Call.ConferenceFriendlyName, result.WebhookStatus, result.Call);
        return TypedResults.Created($"/sim/calls/{result.Call.Sid}", placed);
    }

    public static Results<Ok<CallSnapshot>, NotFound> GetCall(string callSid, SimulatedTwilio twilio) =>
        Try(() => twilio.GetCall(callSid));

    public static Results<Ok<CallSnapshot>, NotFound, Conflict<string>> AnswerPhone(string callSid, SimulatedTwilio twilio)
    {
        try
        {
            return TypedResults.Ok(twilio.Answer(callSid));
        }
        catch (SimulatorApiException error) when (error.Status == StatusCodes.Status404NotFound)
        {
            return TypedResults.NotFound();
        }
        catch (SimulatorApiException error)
        {
            return TypedResults.Conflict(error.Message);
        }
    }

    public static Results<Ok<CallSnapshot>, NotFound> HangUpPhone(string callSid, SimulatedTwilio twilio) =>
        Try(() => twilio.HangUp(callSid));

    public static Results<Ok<AudibilityMatrix>, NotFound> GetAudibility(string friendlyNameOrSid, SimulatedTwilio twilio) =>
        Try(() => twilio.Audibility(friendlyNameOrSid));

    public static Ok<IReadOnlyList<CallbackDelivery>> ListCallbacks(SimulatorCallbackDispatcher dispatcher) =>
        TypedResults.Ok(dispatcher.Deliveries);

    /// <summary>From now on, callbacks of the room and/or of the given kinds are lost (never posted), as when the service is down.</summary>
    public static Results<Created<CallbackDropRule>, ValidationProblem> AddDrop(DropCallbacksRequest body, SimulatorCallbackDrops drops)
    {
        if (string.IsNullOrWhiteSpace(body.Room) && (body.Events is null || body.Events.All(string.IsNullOrWhiteSpace)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["room"] = ["Name a room (FriendlyName or ConferenceSid), event kinds (e.g. conference-end, participant-leave), or both."],
            });
        }

        return TypedResults.Created("/sim/callbacks/drops", drops.Add(body.Room, body.Events));
    }

    public static NoContent ClearDrops(SimulatorCallbackDrops drops)
    {
        drops.Clear();
        return TypedResults.NoContent();
    }

    private static Results<Ok<T>, NotFound> Try<T>(Func<T> action)
    {
        try
        {
            return TypedResults.Ok(action());
        }
        catch (SimulatorApiException error) when (error.Status == StatusCodes.Status404NotFound)
        {
            return TypedResults.NotFound();
        }
    }
}

public sealed record PlaceCallRequest(string? From, string? To);

public sealed record DropCallbacksRequest(string? Room, IReadOnlyList<string>? Events);

public sealed record PlacedCall(string CallSid, string Status, string? ConferenceSid, string? FriendlyName, int WebhookStatus, CallSnapshot Call);

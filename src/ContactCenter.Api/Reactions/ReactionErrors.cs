using System.Data.Common;
using ContactCenter.Api.Twilio.Rest;

namespace ContactCenter.Api.Reactions;

/// <summary>How <see cref="ReactionWorker"/> tells a failure worth retrying and records it.</summary>
public static class ReactionErrors
{
    /// <summary>Failures that say nothing happened yet and may pass: the database, the network, Twilio's 429 and 5xx, an explicit request.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ReactionRetryException or DbException or TimeoutException or HttpRequestException => true,
        TwilioApiException twilio => twilio.IsRateLimited || (int)twilio.HttpStatus >= 500,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>The error as stored and logged: its type and Twilio's code, never a message that could carry a phone number.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        TwilioApiException twilio => $"TwilioApiException {(int)twilio.HttpStatus}{(twilio.TwilioCode is { } code ? $" code {code}" : "")}",
        DbException db => $"{db.GetType().Name} {db.ErrorCode}",
        _ => exception.GetType().Name,
    };
}

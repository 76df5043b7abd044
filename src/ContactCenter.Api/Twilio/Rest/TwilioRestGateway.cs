using System.Runtime.ExceptionServices;
using ContactCenter.Api.Observability;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using Twilio.Base;
using LibraryClient = Twilio.Clients.TwilioRestClient;
using LibraryHttpClient = Twilio.Http.SystemNetHttpClient;
using LibraryRequest = Twilio.Http.Request;
using Domain = Twilio.Rest.Domain;
using Resource = Twilio.Base.Resource;
using TwilioMethod = Twilio.Http.HttpMethod;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// <see cref="ITwilioRestClient"/> on the official Twilio library: its resources build and parse the requests, over
/// an IHttpClientFactory-managed HttpClient whose handlers (<see cref="TwilioRestExtensions"/>) apply the base URL,
/// the retry rules, the timeouts and the circuit breaker. Arguments are checked (<see cref="Guard"/>) before the
/// library is asked; what it throws is turned back into the seam's exceptions (<see cref="TwilioLibraryErrors"/>).
/// </summary>
public sealed partial class TwilioRestGateway(IHttpClientFactory httpClients, IOptionsMonitor<TwilioOptions> options, ILogger<TwilioRestGateway> logger)
    : ITwilioRestClient
{
    public const string HttpClientName = "twilio-rest";

    // Twilio lists are small here (participants of one room, conferences of one name); this bounds a runaway next page.
    private const int MaxPages = 20;

    private const int PageSize = 100;

    /// <summary>One library call, with the caller's token flowing to the HTTP request and the library's exceptions translated.</summary>
    private async Task<T> CallAsync<T>(Func<LibraryClient, Task<T>> call, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!Sids.IsAccountSid(settings.AccountSid))
        {
            throw new InvalidOperationException("Twilio:AccountSid is not configured; the REST API cannot be called without it.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var http = httpClients.CreateClient(HttpClientName);
        // One library client per call: its LastRequest/LastResponse then describe this call only.
        var transport = new LibraryHttpClient(http);
        var (user, secret) = string.IsNullOrEmpty(settings.ApiKeySid)
            ? (settings.AccountSid, settings.AuthToken)
            : (settings.ApiKeySid, settings.ApiKeySecret);
        var client = new LibraryClient(user, secret, settings.AccountSid, httpClient: transport);

        // Scoped to this async method: the value reverts when it returns.
        TwilioCallCancellation.Token = cancellationToken;
        T result;
        try
        {
            result = await call(client);
        }
        catch (Exception error) when (TwilioLibraryErrors.Translate(error, transport.LastResponse, cancellationToken) is { } translated)
        {
            // Keeps a transport exception's own stack trace.
            ExceptionDispatchInfo.Throw(Logged(translated, transport));
            throw;
        }

        if (TwilioLibraryErrors.NotSuccess(transport.LastResponse) is { } redirect)
        {
            throw Logged(redirect, transport);
        }

        return result ?? throw TwilioLibraryErrors.Unreadable(what: "an empty body");
    }

    /// <summary>Twilio's refusals are logged (masked) where they happen; anything else is the caller's to report.</summary>
    private Exception Logged(Exception error, LibraryHttpClient transport)
    {
        if (error is TwilioApiException refusal)
        {
            var request = transport.LastRequest;
            LogTwilioError(logger, request?.Method.ToString(), request?.Uri.AbsolutePath, (int)refusal.HttpStatus, refusal.TwilioCode, refusal.TwilioMessage);
        }

        return error;
    }

    /// <summary>Every page of a list, each fetched asynchronously (the library's own paging blocks on synchronous requests).</summary>
    private Task<List<T>> ReadAllAsync<T>(string accountRelativePath, string recordKey, List<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
        where T : Resource =>
        CallAsync<List<T>>(async client =>
        {
            var items = new List<T>();
            var request = new LibraryRequest(TwilioMethod.Get, Domain.Api, $"/2010-04-01/Accounts/{client.AccountSid}/{accountRelativePath}", queryParams: query);
            for (var pages = 1; ; pages++)
            {
                var page = ParsePage<T>(recordKey, (await client.RequestAsync(request)).Content);
                items.AddRange(page.Records);
                var next = page.HasNextPage() ? page.GetNextPageUrl(Domain.Api) : null;
                // Only ever follow a link into the same API: the credentials go nowhere else.
                if (next is null || pages == MaxPages || !next.StartsWith(TwilioRequestHandler.LibraryBase + "2010-04-01/", StringComparison.Ordinal))
                {
                    return items;
                }

                request = new LibraryRequest(TwilioMethod.Get, next);
            }
        }, cancellationToken);

    private static Page<T> ParsePage<T>(string recordKey, string json)
        where T : Resource
    {
        // The library's Page.FromJson fails with a NullReferenceException on a body without the list; say what is wrong instead.
        if (JToken.Parse(json) is not JObject root || root[recordKey] is not JArray)
        {
            throw TwilioLibraryErrors.Unreadable(what: $"a list without '{recordKey}'");
        }

        return Page<T>.FromJson(recordKey, json);
    }

    private static string Escape(string pathSegment) => Uri.EscapeDataString(pathSegment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio {Method} {Path} answered {StatusCode} (code {TwilioCode}): {TwilioMessage}")]
    private static partial void LogTwilioError(ILogger logger, string? method, string? path, int statusCode, int? twilioCode, string? twilioMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialing {To} into conference {ConferenceSid} as {Label}")]
    private static partial void LogDialingParticipant(ILogger logger, string to, string conferenceSid, string? label);

    [LoggerMessage(Level = LogLevel.Information, Message = "Placing a call to {To}")]
    private static partial void LogPlacingCall(ILogger logger, string to);

    private static string Masked(string address) => PhoneMask.Mask(address);
}

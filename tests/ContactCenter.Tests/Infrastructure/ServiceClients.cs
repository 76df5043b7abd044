using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ContactCenter.Api.Conferences;

namespace ContactCenter.Tests.Infrastructure;

public static class ServiceClients
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>POSTs a form to a Twilio-facing route, signed as Twilio signs it.</summary>
    public static Task<HttpResponseMessage> PostTwilioAsync(this HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> form) =>
        client.SendAsync(TwilioSigner.SignedPost("http://localhost" + path, form));

    /// <summary>Posts and insists on 200: for feeding a scenario.</summary>
    public static async Task PostOkAsync(this HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await client.PostTwilioAsync(path, form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static HttpClient CreateAdminClient(this ContactCenterFactory factory, string key = ContactCenterFactory.AdminKey)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<T> GetOkAsync<T>(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static Task<ConferenceRoom> GetRoomAsync(this HttpClient admin, string room) => admin.GetOkAsync<ConferenceRoom>($"/admin/conferences/{room}");

    public static Task<List<StoredConferenceEvent>> GetTimelineAsync(this HttpClient admin, string room) =>
        admin.GetOkAsync<List<StoredConferenceEvent>>($"/admin/conferences/{room}/events");

    /// <summary>The items in a seeded random order.</summary>
    public static List<T> Shuffled<T>(this IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}

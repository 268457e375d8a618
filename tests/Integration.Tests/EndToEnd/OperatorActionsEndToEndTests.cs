using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Actions on the running dashboard over real HTTP: a schedule is run now, disabled and enabled through
/// <c>/api/schedules/{name}/…</c> only with the access token as a bearer token; without it, or with a wrong one, the
/// answer is 401 and the schedule is exactly as it was. With viewing closed, pages send people to sign in and the
/// read API answers 401, while the health probe stays open.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OperatorActionsEndToEndTests : WebAppTest
{
    private const string Schedule = "sim-nightly";
    private const string Token = "e2e-access-token-0123456789";

    [Fact]
    public async Task Schedule_actions_need_the_access_token_and_change_nothing_without_it()
    {
        await StartWebAsync(Settings(viewRequiresSignIn: false));
        var before = await ScheduleAsync();

        foreach (var action in new[] { "run", "disable", "enable" })
        {
            using var signedOut = await PostAsync(action, token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
            Assert.Equal("Bearer", signedOut.Headers.WwwAuthenticate.Single().Scheme);
            using var wrong = await PostAsync(action, token: "not-the-token");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var unchanged = await ScheduleAsync();
        Assert.Equal(before.GetRawText(), unchanged.GetRawText());

        using var disabled = await PostAsync("disable", Token);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False((await ScheduleAsync()).GetProperty("definition").GetProperty("enabled").GetBoolean());

        using var ran = await PostAsync("run", Token);
        Assert.Equal(HttpStatusCode.OK, ran.StatusCode);
        var result = JsonDocument.Parse(await ran.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Done", result.GetProperty("outcome").GetString());
        var runIds = result.GetProperty("runIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(runIds);
        var afterRun = await ScheduleAsync();
        Assert.Equal(runIds, afterRun.GetProperty("lastRunIds").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Contains($"schedule:{Schedule} run now by api", await StoredRunAsync(runIds[0]));

        using var enabled = await PostAsync("enable", Token);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True((await ScheduleAsync()).GetProperty("definition").GetProperty("enabled").GetBoolean());

        using var unknown = await Http.SendAsync(Post("api/schedules/no-such-schedule/run", Token));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no-such-schedule", await unknown.Content.ReadAsStringAsync());

        // Alert actions: the same token rule; an alert that does not exist is a 404 naming it, and nothing is stored.
        var acknowledge = new { hardware = "MI30X", id = "mi30x/h/m/online/concurrency:16/ttft-median-ms@2025-10-24", note = "on it" };
        using var ackSignedOut = await Http.PostAsJsonAsync(new Uri(Web!.BaseAddress, "api/alerts/acknowledge"), acknowledge);
        Assert.Equal(HttpStatusCode.Unauthorized, ackSignedOut.StatusCode);
        using var ackRequest = Post("api/alerts/acknowledge", Token);
        ackRequest.Content = JsonContent.Create(acknowledge);
        using var ackUnknown = await Http.SendAsync(ackRequest);
        Assert.Equal(HttpStatusCode.NotFound, ackUnknown.StatusCode);
        Assert.Contains("no alert has the id", await ackUnknown.Content.ReadAsStringAsync());
        Assert.Equal("[]", await Http.GetStringAsync(new Uri(Web!.BaseAddress, "api/alerts/mi30x?resolved=true")));
        using var noHardware = Post("api/alerts/resolve", Token);
        noHardware.Content = JsonContent.Create(new { id = acknowledge.id });
        using var badRequest = await Http.SendAsync(noHardware);
        Assert.Equal(HttpStatusCode.BadRequest, badRequest.StatusCode);
        Assert.Contains("hardware", await badRequest.Content.ReadAsStringAsync());

        var nodes = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web!.BaseAddress, "api/nodes"))).RootElement;
        Assert.Contains(nodes.EnumerateArray(), n => n.GetProperty("name").GetString() == "sim-node-1");
        Assert.DoesNotContain(Token, Web.CapturedOutput);

        // The OpenAPI document says which calls need the token: the actions, and not the reads.
        var openApi = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web.BaseAddress, "openapi/v1.json"))).RootElement;
        Assert.Equal("bearer", openApi.GetProperty("components").GetProperty("securitySchemes").GetProperty("accessToken").GetProperty("scheme").GetString());
        var paths = openApi.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/schedules/{name}/run").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/schedules").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task With_viewing_closed_pages_ask_to_sign_in_and_the_api_needs_the_token()
    {
        await StartWebAsync(Settings(viewRequiresSignIn: true));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Web!.BaseAddress };

        using var home = await noRedirects.GetAsync("/nodes");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/signin", home.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fnodes", home.Headers.Location.Query, StringComparison.OrdinalIgnoreCase);

        using var signInPage = await noRedirects.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        Assert.Contains("Access token", await signInPage.Content.ReadAsStringAsync());

        using var api = await noRedirects.GetAsync("/api/days");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/days");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var allowed = await noRedirects.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var health = await noRedirects.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>The run as the read API returns it, once the run grain has recorded it (it does so off the firing's turn).</summary>
    private async Task<string> StoredRunAsync(string runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await Http.GetAsync(new Uri(Web!.BaseAddress, $"api/runs/{runId}"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync();
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {runId} was not recorded within 30 s (last answer {(int)response.StatusCode})");
            await Task.Delay(200);
        }
    }

    private static Dictionary<string, string> Settings(bool viewRequiresSignIn) => new(NoFirstNight)
    {
        ["SglangCi__Dashboard__AccessToken"] = Token,
        ["SglangCi__Dashboard__ViewRequiresSignIn"] = viewRequiresSignIn ? "true" : "false",
    };

    /// <summary>The schedule's status; waits for the first-start seeding, which runs after the app answers its health probe.</summary>
    private async Task<JsonElement> ScheduleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var schedules = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web!.BaseAddress, "api/schedules"))).RootElement;
            var found = schedules.EnumerateArray().Where(s => s.GetProperty("name").GetString() == Schedule).ToList();
            if (found.Count == 1)
            {
                return found[0].GetProperty("status").Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, $"schedule {Schedule} not seeded within 30 s:\n{Web!.CapturedOutput}");
            await Task.Delay(200);
        }
    }

    private Task<HttpResponseMessage> PostAsync(string action, string? token) => Http.SendAsync(Post($"api/schedules/{Schedule}/{action}", token));

    private HttpRequestMessage Post(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Web!.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}

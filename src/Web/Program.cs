using Radzen;
using SglangCi.Silo.Cluster;
using SglangCi.Silo.Hosting;
using SglangCi.Web.Api;
using SglangCi.Web.Charts;
using SglangCi.Web.Components;
using SglangCi.Web.Health;
using SglangCi.Web.Security;
using SglangCi.Web.Theming;
using SglangCi.Web.Trends;

var builder = WebApplication.CreateBuilder(args);

// Package assets (_content/Radzen.Blazor/...) are served from the NuGet cache through the build's
// static web assets manifest; outside Development that only happens when asked for. Running the
// built dll directly (tests, `dotnet SglangCi.Web.dll`) needs it; a published app has no manifest
// and this does nothing.
builder.WebHost.UseStaticWebAssets();

// Cluster mode (SglangCi:Cluster:Postgres, or --postgres): the dashboard is a client of the silos on the GPU hosts.
// Otherwise it co-hosts the embedded silo (SQLite in the data directory).
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--postgres"] = "SglangCi:Cluster:Postgres" });
if (string.IsNullOrWhiteSpace(builder.Configuration["SglangCi:Cluster:Postgres"]))
{
    builder.AddSglangCiSilo();
}
else
{
    builder.AddSglangCiClusterClient();
}

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.AddOpenApi(OpenApiAccessToken.Describe);
builder.AddDashboardSecurity();

// The API speaks the same words as the pages and the CLI: enums by name, not by number.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
// Styles and scripts load for the sign-in page too, when viewing needs sign-in.
app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoint();
app.MapOpenApi();
app.MapAccountEndpoints();
app.MapDashboardApi();
app.MapRunLogApi();
app.MapClusterStateApi();
app.MapScheduleActionsApi();
app.MapAlertActionsApi();
app.MapSqlEndpoints();
app.MapTrendCsvEndpoint();
app.MapSeriesChartEndpoint();
app.MapThemeEndpoint();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

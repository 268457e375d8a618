using SglangCi.Silo.Hosting;

// One silo per GPU host: `dotnet run --project src/Silo -- --node NAME [--postgres CONNSTRING]`.
// Without --postgres it runs embedded (localhost clustering, SQLite in the data directory), which is
// what the dashboard also co-hosts by default.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
});
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--node"] = "SglangCi:Cluster:NodeName",
    ["--postgres"] = "SglangCi:Cluster:Postgres",
    ["--data-dir"] = "SglangCi:DataDir",
    ["--silo-port"] = "SglangCi:Cluster:SiloPort",
    ["--gateway-port"] = "SglangCi:Cluster:GatewayPort",
});
if (!string.IsNullOrEmpty(builder.Configuration["SglangCi:Cluster:Postgres"]))
{
    builder.Configuration["SglangCi:Cluster:Mode"] = "Cluster";
}

builder.AddSglangCiSilo();
await builder.Build().RunAsync();

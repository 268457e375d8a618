using SglangCi.Silo.Cluster;
using SglangCi.Silo.Hosting;

// One silo per GPU host: `dotnet run --project src/Silo -- --node NAME --postgres CONNSTRING --hardware mi35x`.
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
    ["--advertise"] = "SglangCi:Cluster:AdvertisedAddress",
    ["--data-dir"] = "SglangCi:DataDir",
    ["--silo-port"] = "SglangCi:Cluster:SiloPort",
    ["--gateway-port"] = "SglangCi:Cluster:GatewayPort",
    ["--hardware"] = "SglangCi:Node:Hardware",
    ["--gpus"] = "SglangCi:Node:GpuCount",
    ["--runtime"] = "SglangCi:Node:Runtime",
    ["--partitions"] = "SglangCi:Node:Partitions",
});
if (!string.IsNullOrEmpty(builder.Configuration["SglangCi:Cluster:Postgres"]))
{
    builder.Configuration["SglangCi:Cluster:Mode"] = "Cluster";
}

try
{
    builder.AddSglangCiSilo();
    await builder.Build().RunAsync();
    return 0;
}
catch (Exception e) when (StartFailure(e, builder.Configuration["SglangCi:Cluster:Postgres"]) is { } failure)
{
    // A refusal to start (a bad setting, a node name another silo holds) is the operator's to fix, and an unreachable
    // database is worth retrying: one clear line each, not a stack trace; exit 2 and 1, so a service manager retries
    // only the second.
    await Console.Error.WriteLineAsync($"sglang-ci silo: {failure.Message}");
    return failure.ExitCode;
}

// The start-up failures worth a one-line answer, wherever Orleans' lifecycle wrapped them.
static (string Message, int ExitCode)? StartFailure(Exception e, string? postgres)
{
    for (Exception? current = e; current is not null; current = current.InnerException)
    {
        switch (current)
        {
            case NodeNameTakenException or SiloSettingsException:
                return (current.Message, 2);
            case Npgsql.PostgresException { SqlState: "28P01" or "28000" or "3D000" } refused when postgres is not null:
                // A wrong password, a role not let in, a missing database: only an operator fixes those.
                return ($"the cluster database refused this silo ({SglangCi.Silo.Storage.Postgres.PostgresConnectionStrings.Redacted(postgres)}): {refused.MessageText}", 2);
            case Npgsql.NpgsqlException database when postgres is not null:
                // The driver's message names host and port, never the password; the redacted string says which database.
                return ($"cannot reach the cluster database ({SglangCi.Silo.Storage.Postgres.PostgresConnectionStrings.Redacted(postgres)}): {database.Message}", 1);
        }
    }

    return null;
}

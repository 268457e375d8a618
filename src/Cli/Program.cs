using SglangCi.Cli;

return await CliApp.Create().RunAsync(args);

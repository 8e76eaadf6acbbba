return Ascribe.Cli.CliApp.Run(args);

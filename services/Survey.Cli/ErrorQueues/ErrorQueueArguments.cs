namespace Survey.Cli.ErrorQueues;

public enum ErrorQueueCommand
{
    Errors,
    Replay,
}

// What `survey errors` and `survey replay` were asked to do, read from the command line and the environment.
public sealed record ErrorQueueArguments(
    ErrorQueueCommand Command,
    Uri Broker,
    string? Queue,
    bool Json,
    bool All,
    IReadOnlyList<string> Ids)
{
    // The same variable the services read their broker address from (ConnectionStrings:rabbitmq).
    public const string BrokerVariable = "ConnectionStrings__rabbitmq";

    // Either the arguments or a sentence saying what is wrong with the command line (exit code 2).
    public static (ErrorQueueArguments? Arguments, string? Problem) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Count == 0) return (null, "no command");
        var command = args[0] switch
        {
            "errors" => ErrorQueueCommand.Errors,
            "replay" => ErrorQueueCommand.Replay,
            _ => (ErrorQueueCommand?)null,
        };
        if (command is null) return (null, $"unknown command '{args[0]}'");

        string? broker = null, queue = null;
        bool json = false, all = false;
        var ids = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--rabbitmq" or "--queue":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        return (null, $"{arg} needs a value");
                    if (arg == "--rabbitmq") broker = args[++i];
                    else queue = args[++i];
                    break;
                case "--json" when command == ErrorQueueCommand.Errors:
                    json = true;
                    break;
                case "--all" when command == ErrorQueueCommand.Replay:
                    all = true;
                    break;
                case "--id" when command == ErrorQueueCommand.Replay:
                    // --id a --id b, or --id a b: every value up to the next option.
                    var before = ids.Count;
                    while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) ids.Add(args[++i]);
                    if (ids.Count == before) return (null, "--id needs a message id");
                    break;
                default:
                    return (null, arg.StartsWith("--", StringComparison.Ordinal)
                        ? $"unknown option '{arg}' for survey {args[0]}"
                        : $"unexpected argument '{arg}' for survey {args[0]}");
            }
        }
        if (command == ErrorQueueCommand.Replay && all == ids.Count > 0)
            return (null, all ? "give either --all or --id, not both" : "say what to replay: --all, or --id MESSAGEID");
        if (queue is not null && string.IsNullOrWhiteSpace(queue)) return (null, "--queue needs a queue name");

        broker ??= environment(BrokerVariable);
        if (string.IsNullOrWhiteSpace(broker))
            return (null, $"no broker address: give --rabbitmq amqp://user:password@host:5672/vhost or set {BrokerVariable}");
        if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            return (null, "the broker address must be an amqp:// or amqps:// URI, e.g. amqp://guest:guest@127.0.0.1:5672/");

        return (new ErrorQueueArguments(command.Value, uri, queue, json, all, ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList()), null);
    }
}

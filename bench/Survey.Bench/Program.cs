using Survey.Bench;

// survey-bench COMMAND …: one part of bench/run.sh. Each prints its figures as `key=value` on one line that starts with RESULT.
return args.FirstOrDefault() switch
{
    "bare-http" => await BareHttp.RunAsync(args[1]),
    "raw-publish" => await RawPublish.RunAsync(new Uri(args[1]), TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture))),
    "prefill" => await Prefill.RunAsync(new Uri(args[1]), args[2], int.Parse(args[3]), int.Parse(args[4])),
    "sql-baseline" => await StoreBench.BatchedUpsertAsync(args[1], int.Parse(args[2])),
    "seed" => await StoreBench.SeedAsync(args[1], int.Parse(args[2])),
    "fixed-rate" => await FixedRate.RunAsync(new Uri(args[1]), args[2], double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
        TimeSpan.FromSeconds(int.Parse(args[4]))),
    "lag-probe" => await LagProbe.RunAsync(new Uri(args[1]), args[2], args[3], new Uri(args[4]), TimeSpan.FromSeconds(int.Parse(args[5]))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: survey-bench bare-http URL
               survey-bench raw-publish AMQP_URI SECONDS
               survey-bench prefill AMQP_URI SLUG COUNT BATCH
               survey-bench sql-baseline POSTGRES COUNT
               survey-bench seed POSTGRES RESPONSES
               survey-bench fixed-rate INTAKE_URL SLUG RESPONSES_PER_SECOND SECONDS
               survey-bench lag-probe INTAKE_URL SLUG POSTGRES AMQP_URI SECONDS
        """);
    return 2;
}

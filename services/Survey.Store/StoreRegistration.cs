using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Survey.Store;

public static class StoreRegistration
{
    // PostgreSQL when ConnectionStrings:postgres is set, otherwise the SQLite file survey.db in
    // Storage:DataDirectory (default .data).
    public static IHostApplicationBuilder AddSurveyStore(this IHostApplicationBuilder builder)
    {
        var engine = builder.AddStoreEngine();
        // One line per feature that stores data: its interface, its PostgreSQL store, its SQLite store.
        // Its tables are its files in Schema/postgres/ and Schema/sqlite/.
        builder.Services.AddFeatureStore<ISurveyStore, PostgresSurveyStore, SqliteSurveyStore>(engine);
        builder.Services.AddFeatureStore<IResponseStore, PostgresResponseStore, SqliteResponseStore>(engine);
        builder.Services.AddFeatureStore<IInvitationStore, PostgresInvitationStore, SqliteInvitationStore>(engine);
        builder.Services.AddFeatureStore<ICrimeStatisticsStore, PostgresCrimeStatisticsStore, SqliteCrimeStatisticsStore>(engine);
        builder.Services.AddFeatureStore<IPledgeStore, PostgresPledgeStore, SqlitePledgeStore>(engine);
        builder.Services.AddFeatureStore<IDialogueStore, PostgresDialogueStore, SqliteDialogueStore>(engine);
        builder.Services.AddFeatureStore<IReportVersionStore, PostgresReportVersionStore, SqliteReportVersionStore>(engine);
        builder.Services.AddSingleton<ReportChanges>();
        builder.Services.AddHostedService<SchemaInitializer>();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return builder;
    }

    // For a host that keeps reports' inputs (the Staff API): on PostgreSQL, listens for the changes that make them old
    // (ReportChanges). On the embedded store nothing listens, and a report asks the store for its version instead.
    // Reports:ListenForChanges=false turns it off (behind a pooler in transaction mode, which does not pass notifications on).
    public static IHostApplicationBuilder AddReportChangeListener(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("postgres"))
            && builder.Configuration.GetValue("Reports:ListenForChanges", true))
            builder.Services.AddHostedService<ReportChangeListener>();
        return builder;
    }

    private enum StoreEngine { Postgres, Sqlite }

    // The connection every feature's store of the engine shares, and the engine's migrator.
    private static StoreEngine AddStoreEngine(this IHostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddSingleton(_ => CreateDataSource(postgres));
            builder.Services.AddSingleton<ISchemaMigrator, PostgresMigrator>();
            // Each command a span (a child of the span that is current: the worker's batch write), and the pool's metrics,
            // whenever the host's telemetry is on (ServiceDefaults).
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());
            return StoreEngine.Postgres;
        }
        var directory = EnsureDataDirectory(builder.Configuration);
        CreateOwnerOnly(Path.Combine(directory, "survey.db"));
        var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "survey.db"),
        }.ToString();
        builder.Services.AddSingleton(_ => new SqliteDatabase(connectionString));
        builder.Services.AddSingleton<ISchemaMigrator, SqliteMigrator>();
        return StoreEngine.Sqlite;
    }

    // The services ask the same few statements over and over: Npgsql prepares the 64 most used on each connection, so that
    // PostgreSQL plans each once per connection instead of on every call (the ranking's version query took 2 ms to plan and
    // under 1 ms to run). A connection string that sets Max Auto Prepare (0: off, e.g. behind PgBouncer in transaction mode) keeps it.
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!new NpgsqlConnectionStringBuilder(connectionString).ContainsKey("Max Auto Prepare"))
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        return builder.Build();
    }

    private static void AddFeatureStore<TStore, TPostgres, TSqlite>(this IServiceCollection services, StoreEngine engine)
        where TStore : class
        where TPostgres : class, TStore
        where TSqlite : class, TStore
    {
        if (engine == StoreEngine.Postgres) services.AddSingleton<TStore, TPostgres>();
        else services.AddSingleton<TStore, TSqlite>();
    }

    // The folder for local files (the SQLite store, development keys): Storage:DataDirectory, default .data.
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Storage:DataDirectory"] ?? ".data");

    // The data folder, made if missing, readable by its owner only (0700): it holds the answers and the
    // development keys. A folder that exists already keeps its mode (it may be one the operator chose).
    public static string EnsureDataDirectory(IConfiguration configuration)
    {
        var directory = DataDirectory(configuration);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    // The answers' file is readable by its owner only (0600), also when the folder is one the operator chose
    // with a wider mode. SQLite's journal files take the mode of the database file.
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path)) return;
        using var _ = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    private sealed class SchemaInitializer(ISchemaMigrator migrator, ILogger<SchemaInitializer> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var applied = await migrator.MigrateAsync(cancellationToken);
            // As one string: a list would reach a JSON log as its type name.
            if (applied.Count > 0) logger.LogInformation("Applied the schema migrations {Migrations}", string.Join(", ", applied));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class StoreHealthCheck(ISurveyStore surveys) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await surveys.FindAsync("health-check", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("The store does not answer.", e);
            }
        }
    }
}

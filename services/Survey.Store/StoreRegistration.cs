using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Survey.Store;

public static class StoreRegistration
{
    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings:postgres</c> is set, otherwise the SQLite file
    /// <c>survey.db</c> in <c>Storage:DataDirectory</c> (default <c>.data</c>).
    /// </summary>
    public static IHostApplicationBuilder AddSurveyStore(this IHostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            builder.Services.AddSingleton<PostgresStore>();
            builder.Services.AddSingleton<IResponseStore>(sp => sp.GetRequiredService<PostgresStore>());
            builder.Services.AddSingleton<ISurveyStore>(sp => sp.GetRequiredService<PostgresStore>());
            builder.Services.AddSingleton<IInvitationStore>(sp => sp.GetRequiredService<PostgresStore>());
            builder.Services.AddSingleton<IStoreSchema>(sp => sp.GetRequiredService<PostgresStore>());
        }
        else
        {
            var directory = EnsureDataDirectory(builder.Configuration);
            CreateOwnerOnly(Path.Combine(directory, "survey.db"));
            var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory, "survey.db"),
            }.ToString();
            builder.Services.AddSingleton(_ => new SqliteStore(connectionString));
            builder.Services.AddSingleton<IResponseStore>(sp => sp.GetRequiredService<SqliteStore>());
            builder.Services.AddSingleton<ISurveyStore>(sp => sp.GetRequiredService<SqliteStore>());
            builder.Services.AddSingleton<IInvitationStore>(sp => sp.GetRequiredService<SqliteStore>());
            builder.Services.AddSingleton<IStoreSchema>(sp => sp.GetRequiredService<SqliteStore>());
        }
        builder.Services.AddHostedService<SchemaInitializer>();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return builder;
    }

    /// <summary>The folder for local files (the SQLite store, development keys): <c>Storage:DataDirectory</c>, default <c>.data</c>.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Storage:DataDirectory"] ?? ".data");

    /// <summary>
    /// The data folder, made if missing, readable by its owner only (0700): it holds the answers and the
    /// development keys. A folder that exists already keeps its mode (it may be one the operator chose).
    /// </summary>
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

    private sealed class SchemaInitializer(IStoreSchema schema) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => schema.EnsureCreatedAsync(cancellationToken);
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

using System.Text.RegularExpressions;

namespace Survey.Store;

// One step of the schema: Schema/<engine>/<NNN>_<what>.sql, embedded in this assembly.
public sealed record Migration(string Name, string Sql);

public static partial class Migrations
{
    public const string Postgres = "postgres";
    public const string Sqlite = "sqlite";

    // The steps of one engine, in the order they are applied: by their three-digit number.
    public static IReadOnlyList<Migration> For(string engine)
    {
        var prefix = $"Schema/{engine}/";
        var assembly = typeof(Migrations).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // RecursiveDir in the LogicalName has the build machine's separator.
            var path = resource.Replace('\\', '/');
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var name = path[prefix.Length..^".sql".Length];
            // A name outside the pattern ("10_x", "x") would sort out of its place; refuse it at start, not at the next upgrade.
            if (!NamePattern().IsMatch(name))
                throw new InvalidOperationException($"The migration {path} is not named NNN_name.sql (three digits, then lower-case letters, digits and _).");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(name, reader.ReadToEnd()));
        }
        var sameNumber = migrations.GroupBy(m => m.Name[..3]).FirstOrDefault(g => g.Count() > 1);
        if (sameNumber is not null)
            throw new InvalidOperationException($"The {engine} migrations {string.Join(" and ", sameNumber.Select(m => m.Name))} have the same number.");
        return [.. migrations.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    [GeneratedRegex("^[0-9]{3}_[a-z0-9_]+$")]
    private static partial Regex NamePattern();
}

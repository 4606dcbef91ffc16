using System.Collections.Frozen;

namespace Survey.Domain.Municipalities;

public sealed record County(string Code, string Name);

public sealed record Municipality(string Code, string Name, County County);

// Sweden's 290 municipalities keyed by SCB kommunkod (four digits, the first two the county).
public static class MunicipalityRegistry
{
    private static readonly Lazy<FrozenDictionary<string, Municipality>> ByCode = new(Load);

    public static IReadOnlyCollection<Municipality> All => ByCode.Value.Values;

    public static bool TryGet(string? code, out Municipality municipality)
    {
        municipality = null!;
        return code is not null && ByCode.Value.TryGetValue(code, out municipality!);
    }

    private static FrozenDictionary<string, Municipality> Load()
    {
        var counties = ReadRows("lan.tsv").ToDictionary(r => r[0], r => new County(r[0], r[1]));
        return ReadRows("kommuner.tsv")
            .Select(r => new Municipality(r[0], r[1], counties[r[2]]))
            .ToFrozenDictionary(m => m.Code);
    }

    private static IEnumerable<string[]> ReadRows(string resource)
    {
        using var stream = typeof(MunicipalityRegistry).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded table {resource} is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return line.Split('\t');
        }
    }
}

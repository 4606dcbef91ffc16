namespace Survey.Domain.Surveys;

// Validation errors keyed by the JSON path of the field (as problem+json "errors" shows them).
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool IsEmpty => _byField.Count == 0;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
        list.Add(message);
    }

    public void AddRange(Errors other)
    {
        foreach (var (field, messages) in other._byField)
            foreach (var message in messages) Add(field, message);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _byField.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
}

using System.Text.Json;
using Microsoft.Playwright;

namespace Survey.IntegrationTests.Browser;

// axe-core (from npm, beside this file) run inside the page.
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(Repository.Root, "tests", "Survey.IntegrationTests", "Browser", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing. Run the tests with ./test.sh, which installs axe-core with npm.");
    });

    // The serious and critical WCAG 2.0/2.1 A and AA violations on the page, as readable lines.
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated by the test driver, not added as an inline <script>: the pages' Content-Security-Policy
        // (script-src 'self') rightly refuses inline scripts.
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
            }
            """);
        return json.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at " +
                         string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())))
            .ToList();
    }
}

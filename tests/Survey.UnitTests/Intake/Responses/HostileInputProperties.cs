using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using System.Text;
using FsCheck.Fluent;
using FsCheck;
using Microsoft.FSharp.Core;
using Survey.UnitTests.Hosts;
using Xunit.Abstractions;

namespace Survey.UnitTests.Intake.Responses;

// Whatever a client sends to the two public endpoints, the answer is a 4xx or an acceptance
// (202, or the thank-you page), never a 5xx; and a response is stored only when it was accepted.
// Each run prints its seed; set SURVEY_PROPERTY_SEED to that number to replay it.
public class HostileInputProperties(EmbeddedHostFactory factory, ITestOutputHelper output) : IClassFixture<EmbeddedHostFactory>
{
    private const int Cases = 300;

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public void Any_json_body_gets_a_4xx_or_202_and_is_stored_only_when_accepted()
    {
        var slug = CreateSurvey("pbt-json");
        var accepted = new HashSet<Guid>();
        var statuses = new SortedDictionary<int, int>();

        Check(Arb.From(JsonRequests()), request =>
        {
            var before = Stored(slug);
            var (status, body) = Send(HttpMethod.Post, $"/api/v1/public/surveys/{slug}/responses", request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var stored = Stored(slug) - before;

            (status is 202 or (>= 400 and < 500)).Should().BeTrue($"{status} is neither a 4xx nor 202: {body}");
            if (status == 202)
            {
                var id = JsonDocument.Parse(body).RootElement.GetProperty("responseId").GetGuid();
                stored.Should().Be(accepted.Add(id) ? 1 : 0, "an accepted response is stored once, a repeated responseId not again");
            }
            else stored.Should().Be(0, $"a {status} stores nothing");
        });

        output.WriteLine("answers: " + string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        statuses.Keys.Should().Contain([202, 400], "the generator reaches both acceptance and refusal");
    }

    [Fact]
    public void Any_plain_form_gets_a_4xx_or_the_thank_you_page_and_is_stored_only_when_accepted()
    {
        var slug = CreateSurvey("pbt-form");
        var accepted = new HashSet<Guid>();
        var statuses = new SortedDictionary<int, int>();

        Check(Arb.From(FormRequests()), request =>
        {
            var before = Stored(slug);
            var (status, body) = Send(HttpMethod.Post, $"/s/{slug}{request.Query}", request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var stored = Stored(slug) - before;

            (status is 200 or (>= 400 and < 500)).Should().BeTrue($"{status} is neither a 4xx nor the thank-you page: {body[..Math.Min(body.Length, 400)]}");
            if (status != 200) stored.Should().Be(0, $"a {status} stores nothing");
            else if (request.Honeypot) stored.Should().Be(0, "a bot that filled in the hidden field is thanked and not counted");
            else if (request.ResponseId is { } id) stored.Should().Be(accepted.Add(id) ? 1 : 0, "a repeated responseId is counted once");
            else stored.Should().Be(1, "an answer without a responseId gets a new one");
        });

        output.WriteLine("answers: " + string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        statuses.Keys.Should().Contain([200, 400], "the generator reaches both acceptance and refusal");
    }

    private void Check<T>(Arbitrary<T> requests, Action<T> property)
    {
        var seed = Environment.GetEnvironmentVariable("SURVEY_PROPERTY_SEED") is { Length: > 0 } given
            ? ulong.Parse(given, CultureInfo.InvariantCulture)
            : (ulong)System.Random.Shared.NextInt64(long.MaxValue);
        output.WriteLine($"SURVEY_PROPERTY_SEED={seed}");
        var config = Config.QuickThrowOnFailure.WithMaxTest(Cases)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(requests, property));
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"Replay with SURVEY_PROPERTY_SEED={seed}.\n{e.Message}");
        }
    }

    private string CreateSurvey(string prefix) =>
        Task.Run(() => _client.CreateSurveyAsync(prefix, areas: [new("centrum", "Centrum"), new("tore", "Töre")],
            concerns: ["narkotika", "inbrott", "trafik", "vald-i-nara-relation"])).GetAwaiter().GetResult();

    private long Stored(string slug) => (long)factory.QueryScalar("select count(*) from responses where survey_slug = $p", slug)!;

    private (int Status, string Body) Send(HttpMethod method, string path, Request request) => Task.Run(async () =>
    {
        var content = new ByteArrayContent(request.Body);
        content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
        using var response = await _client.SendAsync(new HttpRequestMessage(method, path) { Content = content });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }).GetAwaiter().GetResult();

    // A body to send. ToString is what FsCheck prints for a failing case.
    public record Request(byte[] Body, string? ContentType, string Query = "", bool Honeypot = false, Guid? ResponseId = null)
    {
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var b in Body.Take(600))
                text.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
            return $"{ContentType ?? "(no content type)"} {Query} {Body.Length} bytes: {text}{(Body.Length > 600 ? "…" : "")}";
        }
    }

    // ── JSON ────────────────────────────────────────────────────────────────────────────────────

    private static readonly string[] Fields =
        ["responseId", "language", "channel", "concerns", "priorities", "safety", "area", "ageGroup", "gender", "freeText", "invitationCode"];

    // A few fixed ids, so that the same responseId comes back now and then.
    private static readonly string[] JsonIds = [.. Enumerable.Range(1, 4).Select(i => $"0193a1c2-7b1e-7c3a-9f00-5a1d2e3f4b{i:D2}")];

    private static readonly string[] Codes =
        ["narkotika", "inbrott", "trafik", "vald-i-nara-relation", "skoter", "bedragerier", "centrum", "tore", "atlantis",
         "16-24", "25-44", "85+", "kvinna", "man", "annat", "sv", "en", "fi", "xx", "facebook", "affisch", "", "none", "dontknow", " narkotika"];

    private static readonly string[] Escapes =
        ["\\u0000", "\\u001f", "\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\\"", "\\\\", "\\/",
         "\\n", "\\r", "\\t", "\\ufffe", "\\uFFFF", "\\u00e5", "\\u200b", "\\x", "\\u12", "\\"];

    private static readonly string[] Numbers =
        ["0", "1", "2", "3", "4", "5", "6", "-1", "-0", "2.5", "1e2", "1E400", "-1e999999", "1e-400", "12345678901234567890123456789",
         "0.00000000000000000000001", "2147483648", "-2147483649", "9007199254740993", "3.0", "01", "+1", ".5", "NaN", "Infinity", "1_000"];

    private static Gen<string> AnyString => ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");

    // The inside of a JSON string: codes, escapes (valid, lone surrogates, broken), and arbitrary characters.
    private static Gen<string> StringContent => Gen.Frequency(
        (4, Gen.Elements(Codes)),
        (2, Gen.Elements(JsonIds)),
        (1, Gen.ArrayOf(Gen.Choose(0, 255), 16).Select(b => new Guid([.. b.Select(x => (byte)x)]).ToString())),
        (1, Gen.Elements("ea1bd94f-0c6e-4c8e-9a0f-1d2e3f4a5b6c", "00000000-0000-0000-0000-000000000000", "{0193a1c2-7b1e-7c3a-9f00-5a1d2e3f4b01}")),
        (4, Gen.ListOf(Gen.OneOf(Gen.Elements(Escapes), Gen.Elements(Codes), AnyString.Select(s => s.Replace("\\", "\\\\").Replace("\"", "\\\""))))
            .Select(parts => string.Concat(parts))),
        (1, AnyString));

    private static Gen<string> JsonScalar => Gen.Frequency(
        (1, Gen.Constant("null")),
        (1, Gen.Elements("true", "false")),
        (2, Gen.Elements(Numbers)),
        (1, ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (5, StringContent.Select(s => "\"" + s + "\"")));

    private static Gen<string> JsonValue(int size) => size <= 1 ? JsonScalar : Gen.Frequency(
        (6, JsonScalar),
        (2, Gen.ListOf(JsonValue(size / 3)).Select(items => "[" + string.Join(",", items) + "]")),
        (1, JsonObject(JsonValue(size / 3))));

    private static Gen<string> FieldName => Gen.Frequency((8, Gen.Elements(Fields)), (1, StringContent));

    private static Gen<string> JsonObject(Gen<string> values) =>
        Gen.ListOf(Gen.Zip(FieldName, values)).Select(fields => "{" + string.Join(",", fields.Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}");

    private static readonly string[] Concerns = ["narkotika", "inbrott", "trafik", "vald-i-nara-relation"];

    private static Gen<string> Quoted(params string[] values) => Gen.Elements(values).Select(v => "\"" + v + "\"");

    private static Gen<string> CodeList(int most) =>
        from order in Gen.Shuffle(Concerns)
        from count in Gen.Choose(0, most)
        select "[" + string.Join(",", order.Take(count).Select(c => "\"" + c + "\"")) + "]";

    // A value close to what the questionnaire sends for the field, so that many bodies are accepted.
    private static Gen<string> Plausible(string name) => name switch
    {
        "responseId" => Gen.OneOf(Quoted(JsonIds), Gen.ArrayOf(Gen.Choose(0, 255), 16).Select(b => $"\"{new Guid([.. b.Select(x => (byte)x)])}\"")),
        "language" => Quoted("sv", "en"),
        "channel" => Quoted("facebook", "affisch", "lokaltidningen"),
        "concerns" => CodeList(4),
        "priorities" => CodeList(3),
        "safety" => Gen.Choose(1, 5).Select(i => i.ToString(CultureInfo.InvariantCulture)),
        "area" => Quoted("centrum", "tore"),
        "ageGroup" => Quoted("16-24", "25-44", "45-64", "65-84", "85+"),
        "gender" => Quoted("kvinna", "man", "annat"),
        "freeText" => Gen.Frequency((3, Quoted("Mörkt vid torget", "Det langas vid busstationen.\\nOch i parken.", "Ring 070-123 45 67", "")),
            (1, StringContent.Select(s => "\"" + s + "\""))),
        _ => Gen.Constant("null"),
    };

    private static Gen<string> PlausibleObject =>
        from fields in Gen.SubListOf(Fields)
        from values in Gen.CollectToList(fields, name => Gen.Frequency((8, Plausible(name)), (1, JsonScalar)))
        select "{" + string.Join(",", fields.Zip(values, (f, v) => $"\"{f}\":{v}")) + "}";

    // A body in which each real field, when present, holds a value of any JSON type.
    private static Gen<string> ResponseObject => Gen.Sized(size => JsonObject(JsonValue(size)));

    private static Gen<string> DeeplyNested =>
        from depth in Gen.Choose(1, 400)
        from opening in Gen.Elements("[", "{\"concerns\":", "{\"a\":[")
        from inner in JsonScalar
        select string.Concat(Enumerable.Repeat(opening, depth)) + inner + string.Concat(Enumerable.Repeat(Closing(opening), depth));

    private static string Closing(string opening) => opening switch { "[" => "]", "{\"concerns\":" => "}", _ => "]}" };

    private static Gen<byte[]> AnyBytes => ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []);

    // Valid JSON text with random bytes (often not UTF-8) spliced in.
    private static Gen<byte[]> Spliced =>
        from text in ResponseObject
        from bytes in AnyBytes
        from position in Gen.Choose(0, 1000)
        select Splice(Encoding.UTF8.GetBytes(text), bytes, position);

    private static byte[] Splice(byte[] json, byte[] bytes, int position)
    {
        var at = json.Length == 0 ? 0 : position % json.Length;
        return [.. json.AsSpan(0, at), .. bytes, .. json.AsSpan(at)];
    }

    private static Gen<string?> JsonContentType => Gen.Frequency(
        (12, Gen.Constant<string?>("application/json")),
        (1, Gen.Constant<string?>("application/json; charset=utf-8")),
        (1, Gen.Constant<string?>("application/merge-patch+json")),
        (1, Gen.Constant<string?>("text/plain")),
        (1, Gen.Constant<string?>(null)));

    private static Gen<Request> JsonRequests() => Gen.Zip(
        Gen.Frequency(
            (6, ResponseObject.Select(Encoding.UTF8.GetBytes)),
            (6, PlausibleObject.Select(Encoding.UTF8.GetBytes)),
            (2, Spliced),
            (1, DeeplyNested.Select(Encoding.UTF8.GetBytes)),
            (1, JsonValue(20).Select(Encoding.UTF8.GetBytes)),
            (1, AnyBytes),
            (1, Gen.Choose(60_000, 200_000).Select(n => Encoding.UTF8.GetBytes($"{{\"freeText\":\"{new string('a', n)}\"}}")))),
        JsonContentType).Select(t => new Request(t.Item1, t.Item2));

    // ── Plain form ──────────────────────────────────────────────────────────────────────────────

    private static readonly string[] FormFields =
        ["concerns", "priorities", "safety", "area", "ageGroup", "gender", "freeText", "invitationCode",
         "responseId", "channel", "website", "lang", "Concerns", "WEBSITE"];

    private static readonly string[] FormIds = [.. Enumerable.Range(1, 4).Select(i => $"0193a1c2-7b1e-7c3a-9f00-6a1d2e3f4b{i:D2}")];

    private static Gen<string> FormValue => Gen.Frequency(
        (6, Gen.Elements([.. Codes, "1", "2", "3", "4", "5", "6", "0", "-1", "+3", "2.0"])),
        (2, Gen.Elements(FormIds)),
        (1, Gen.Elements(FormIds.Select(id => id.Replace("-", "")).Append("{" + FormIds[0] + "}").ToArray())),
        (2, AnyString),
        (1, Gen.Elements("\u0000", "Mörkt\u0001vid torget", "\ud800", "\udc00x", "a\r\nb", "\uFFFE")));

    private static Gen<List<(string Name, string Value)>> FormFieldList => Gen.ListOf(Gen.Zip(
        Gen.Frequency((10, Gen.Elements(FormFields)), (1, AnyString)), FormValue).Select(t => (t.Item1, t.Item2))).Select(l => l.ToList());

    private static string UrlEncoded(IEnumerable<(string Name, string Value)> fields) =>
        string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Name) + "=" + WebUtility.UrlEncode(f.Value)));

    // Mirrors what the form reads (StringValues as a string): a field's non-empty values joined by commas, names in any case.
    private static string Joined(IEnumerable<(string Name, string Value)> fields, string name) =>
        string.Join(',', fields.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) && f.Value.Length > 0).Select(f => f.Value));

    private static Request FormRequest(List<(string Name, string Value)> fields, string? contentType, string query) =>
        new(Encoding.ASCII.GetBytes(UrlEncoded(fields)), contentType, query,
            Honeypot: Joined(fields, "website").Length > 0,
            ResponseId: Guid.TryParse(Joined(fields, "responseId"), out var id) ? id : null);

    private static Gen<string> Junk => Gen.ListOf(Gen.Elements("%", "%zz", "%ED%A0%80", "%C3", "%FF", "%00", "=", "&", "+", "a", "concerns", "%2", ";"))
        .Select(parts => string.Concat(parts));

    private static Gen<string?> FormContentType => Gen.Frequency(
        (14, Gen.Constant<string?>("application/x-www-form-urlencoded")),
        (1, Gen.Constant<string?>("application/x-www-form-urlencoded; charset=iso-8859-1")),
        (1, Gen.Constant<string?>("multipart/form-data; boundary=xyz")),
        (1, Gen.Constant<string?>("multipart/form-data")),
        (1, Gen.Constant<string?>("application/json")),
        (1, Gen.Constant<string?>(null)));

    private static Gen<string> Query => Gen.Frequency(
        (6, Gen.Constant("")),
        (1, Gen.Elements("?lang=en", "?lang=fi", "?lang=xx", "?lang=%ED%A0%80", "?k=facebook", "?lang=sv&lang=en")));

    private static Gen<Request> FormRequests() => Gen.Frequency(
        (12, from fields in FormFieldList from type in FormContentType from query in Query select FormRequest(fields, type, query)),
        (2, Gen.Zip(Junk, FormContentType).Select(t => new Request(Encoding.ASCII.GetBytes(t.Item1), t.Item2))),
        (1, AnyBytes.Select(b => new Request(b, "application/x-www-form-urlencoded"))),
        (1, Gen.Choose(60_000, 200_000).Select(n => FormRequest([("freeText", new string('x', n))], "application/x-www-form-urlencoded", ""))),
        // Many short fields: the body may stay small while the count alone is too high.
        (1, Gen.Choose(50, 5_000).Select(n => FormRequest(
            [.. Enumerable.Repeat(("concerns", "narkotika"), n)], "application/x-www-form-urlencoded", ""))));
}

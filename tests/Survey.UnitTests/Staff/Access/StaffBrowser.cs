using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Access;

// A browser on the staff pages, as far as the tests need one: it keeps its cookies by hand (so a test can
// copy one), follows no redirect, sends no Authorization header, and fills in the forms' antiforgery token.
public sealed partial class StaffBrowser
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public StaffBrowser(EmbeddedHostFactory factory, string baseAddress = "http://localhost")
    {
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri(baseAddress),
        });
        _client.DefaultRequestHeaders.Authorization = null;
    }

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
                if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return SendAsync(request);
    }

    // The antiforgery token of the first form on a page (its cookie half is kept with the other cookies).
    public async Task<string> FormTokenAsync(string page)
    {
        var html = await (await GetAsync(page)).Content.ReadAsStringAsync();
        var match = FormToken().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return SendAsync(request);
    }

    // Pastes a token on the sign-in page and sends the form, as a person would.
    public async Task<HttpResponseMessage> SignInAsync(string token, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { [FormTokenField] = await FormTokenAsync("/staff/login"), ["token"] = token };
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        return await PostFormAsync("/staff/login", fields);
    }

    // Presses "Logga ut" on the list of surveys.
    public async Task<HttpResponseMessage> LogOutAsync() =>
        await PostFormAsync("/staff/logout", new Dictionary<string, string> { [FormTokenField] = await FormTokenAsync("/staff/dashboard") });

    public const string FormTokenField = "__RequestVerificationToken";

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex FormToken();
}

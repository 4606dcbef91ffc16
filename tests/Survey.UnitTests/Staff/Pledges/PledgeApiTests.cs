using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Staff.Pledges;

public class PledgeApiTests(EmbeddedHostFactory factory) : IClassFixture<EmbeddedHostFactory>
{
    private HttpClient As(string role, string municipality = "2514")
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token([role], [municipality]));
        return client;
    }

    private static string Pledge(string slug) => $"/api/v1/staff/surveys/{slug}/pledge";

    [Fact]
    public async Task An_analyst_records_the_pledge_and_its_progress_and_reads_them_back()
    {
        var analyst = As("analyst");
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "lofte", "2514", 2027, closed: true);

        await PledgeSeeds.PledgeWithProgressAsync(analyst, slug);

        var read = JsonNode.Parse(await analyst.GetStringAsync(Pledge(slug)))!;
        read["pledge"]!["focusAreas"]!.AsArray().Select(f => f!["concern"]!.GetValue<string>()).Should().Equal("narkotika", "trafik");
        // A plain string is the Swedish text.
        read["pledge"]!["focusAreas"]![1]!["why"]!["sv"]!.GetValue<string>().Should().Be("Bilar kör för fort förbi skolan.");
        read["pledge"]!["focusAreas"]![0]!["why"]!["en"]!.GetValue<string>().Should().Be("Many named dealing at the bus station.");
        read["pledge"]!["activities"]![0]!["target"]!.GetValue<int>().Should().Be(2);
        read["pledge"]!["signedOn"]!.GetValue<string>().Should().Be("2027-02-01");
        read["progress"]!.AsArray().Select(p => p!["date"]!.GetValue<string>()).Should().Equal("2027-04-10", "2027-09-20", "2027-05-01");
        read["progress"]![1]!["done"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task A_pledge_may_name_the_offices_number_dates_and_clock_times()
    {
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "tider", "2514", 2027, closed: true);
        const string body = """
            {"focusAreas":[{"concern":"narkotika","why":"Frågor till kommunens växel 0923-650 00 eller polisen 114 14."}],
             "activities":[{"code":"v","text":"Vandringar 22.11.2027 kl 18.30, och med start 07.10, 10.20, 15.05, 17.55 från torget"}]}
            """;

        var response = await As("analyst").PutAsync(Pledge(slug), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recording_the_pledge_again_replaces_it_and_keeps_its_progress()
    {
        var analyst = As("analyst");
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "igen", "2514", 2027, closed: true);
        await PledgeSeeds.PledgeWithProgressAsync(analyst, slug);

        var again = await analyst.PutAsJsonAsync(Pledge(slug), PledgeSeeds.Pledge(why: "Omskrivet skäl."));

        again.StatusCode.Should().Be(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        var read = JsonNode.Parse(await analyst.GetStringAsync(Pledge(slug)))!;
        read["pledge"]!["focusAreas"]![0]!["why"]!["sv"]!.GetValue<string>().Should().Be("Omskrivet skäl.");
        read["progress"]!.AsArray().Should().HaveCount(3);
    }

    public static TheoryData<string, string> BadPledges() => new()
    {
        { """{"focusAreas":[{"concern":"bedragerier","why":"x"}],"activities":[]}""", "focusAreas[0].concern" },
        { """{"focusAreas":[{"concern":"narkotika","why":"  "}],"activities":[]}""", "focusAreas[0].why" },
        { """{"focusAreas":[{"concern":"narkotika"}],"activities":[]}""", "focusAreas[0].why" },
        { $$"""{"focusAreas":[{"concern":"narkotika","why":"{{new string('a', 1001)}}"}],"activities":[]}""", "focusAreas[0].why" },
        { """{"focusAreas":[{"concern":"narkotika","why":{"sv":"Skäl","fi":"Syy"}}],"activities":[]}""", "focusAreas[0].why.fi" },
        { """{"focusAreas":[{"concern":"narkotika","why":{"en":"Reason"}}],"activities":[]}""", "focusAreas[0].why" },
        { """{"focusAreas":[{"concern":"narkotika","why":"a"},{"concern":"narkotika","why":"b"}],"activities":[]}""", "focusAreas[1].concern" },
        { """{"focusAreas":[],"activities":[]}""", "focusAreas" },
        { """{"activities":[]}""", "focusAreas" },
        { """{"focusAreas":[{"concern":"narkotika","why":"a"}],"activities":[{"code":"Vandring!","text":"x"}]}""", "activities[0].code" },
        { """{"focusAreas":[{"concern":"narkotika","why":"a"}],"activities":[{"code":"v","text":"x","target":0}]}""", "activities[0].target" },
        { """{"focusAreas":[{"concern":"narkotika","why":"a"}],"activities":[{"code":"v","text":""}]}""", "activities[0].text" },
        { """{"focusAreas":[{"concern":"narkotika","why":"a"}],"activities":[{"code":"v","text":"x","focusArea":"trafik"}]}""", "activities[0].focusArea" },
        { """{"focusAreas":[{"concern":"narkotika","why":"a"}],"activities":[],"signedOn":"2028-01-15"}""", "signedOn" },
        { """{"focusAreas":[{"concern":"narkotika","why":"a"}],"activities":[],"signedBy":"ordf\u0007rande"}""", "signedBy" },
        // Published on the survey's page: a personnummer is refused (an office's phone number is not).
        { """{"focusAreas":[{"concern":"narkotika","why":"a"}],"activities":[{"code":"v","text":"Ring Anna, 19811218-9876"}]}""", "activities[0].text" },
        { """{"focusAreas":[{"concern":"narkotika","why":"Ansvarig 19811218-9876 (en boende skrev [personnummer] i enkäten)"}],"activities":[]}""", "focusAreas[0].why" },
    };

    [Theory]
    [MemberData(nameof(BadPledges))]
    public async Task Each_bad_field_of_a_pledge_is_named(string body, string field)
    {
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "fel", "2514", 2027, closed: true);

        var response = await As("analyst").PutAsync(Pledge(slug), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        (await As("analyst").GetAsync(Pledge(slug))).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing is half-stored");
    }

    public static TheoryData<string, string> BadProgress() => new()
    {
        { """{"date":"2026-12-31","text":"x"}""", "date" },
        { """{"date":"2028-01-01","text":"x"}""", "date" },
        { """{"text":"x"}""", "date" },
        { """{"date":"2027-03-01","text":""}""", "text" },
        { $$"""{"date":"2027-03-01","text":"{{new string('a', 2001)}}"}""", "text" },
        { """{"date":"2027-03-01","text":"x","activity":"okand"}""", "activity" },
        { """{"date":"2027-03-01","text":"x","done":1}""", "done" },
        { """{"date":"2027-03-01","text":"x","activity":"trygghetsvandringar","done":-1}""", "done" },
        { """{"date":"2027-03-01","text":"x","activity":"hastighet","done":3}""", "done" },
        { """{"date":"2027-03-01","text":"Kontakt 811218-9876"}""", "text" },
    };

    [Theory]
    [MemberData(nameof(BadProgress))]
    public async Task Each_bad_field_of_a_progress_update_is_named(string body, string field)
    {
        var analyst = As("analyst");
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "steg", "2514", 2027, closed: true);
        (await analyst.PutAsJsonAsync(Pledge(slug), PledgeSeeds.Pledge())).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await analyst.PostAsync(Pledge(slug) + "/progress", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        JsonNode.Parse(await analyst.GetStringAsync(Pledge(slug)))!["progress"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Progress_before_any_pledge_is_refused_with_a_conflict()
    {
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "tidigt", "2514", 2027, closed: true);

        var response = await As("analyst").PostAsJsonAsync(Pledge(slug) + "/progress", new { date = "2027-03-01", text = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_activity_with_progress_cannot_be_dropped_from_the_pledge()
    {
        var analyst = As("analyst");
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "kvar", "2514", 2027, closed: true);
        await PledgeSeeds.PledgeWithProgressAsync(analyst, slug);

        var response = await analyst.PutAsJsonAsync(Pledge(slug), new
        {
            focusAreas = new[] { new { concern = "narkotika", why = "Skäl" } },
            activities = Array.Empty<object>(),
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("trygghetsvandringar");
    }

    [Theory]
    [InlineData("comms", "2514")]
    [InlineData("analyst", "1272")]
    [InlineData("admin", "1272")]
    public async Task Communications_staff_and_other_municipalities_are_refused(string role, string municipality)
    {
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "neka", "2514", 2027, closed: true);
        var client = As(role, municipality);

        (await client.PutAsJsonAsync(Pledge(slug), PledgeSeeds.Pledge())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync(Pledge(slug))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync(Pledge(slug) + "/progress", new { date = "2027-03-01", text = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_of_the_municipality_may_record_the_pledge()
    {
        var slug = await PledgeSeeds.SurveyAsync(factory.CreateClient(), "admin", "2514", 2027, closed: true);

        (await As("admin").PutAsJsonAsync(Pledge(slug), PledgeSeeds.Pledge())).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

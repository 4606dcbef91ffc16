// Enhances the plain questionnaire form when JavaScript runs:
// - the answers are kept in the browser (localStorage) as a draft, and survive a reload; a draft
//   older than twelve hours is dropped (a library or school computer is shared), and sending removes it;
// - the form is sent as JSON to the intake API with the page's responseId;
// - on a 503, 429 or a network failure it waits and sends again with the same responseId,
//   so nothing is lost and nothing is counted twice;
// - anything else (a 400, a closed survey) falls back to the plain form post, whose page explains.
(function () {
  "use strict";
  // Inside an iframe from embed.js: tell the host page how tall the page is (any resident page).
  if (window.parent !== window && window.ResizeObserver) {
    new ResizeObserver(function () {
      // The body, not the document: the document is at least as tall as the iframe, so it would never shrink.
      window.parent.postMessage({ type: "survey:height", height: document.body.getBoundingClientRect().height }, "*");
    }).observe(document.body);
  }

  var form = document.getElementById("survey");
  if (!form || !window.fetch || !window.JSON) return;

  var status = document.getElementById("status");
  var button = form.querySelector("button[type=submit]");
  var draftKey = "survey-draft:" + form.getAttribute("data-slug");
  var sending = false;
  var draftLifetimeMs = 12 * 60 * 60 * 1000;

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function say(text) { status.textContent = text; }

  function fields() {
    var data = new FormData(form);
    return {
      responseId: data.get("responseId"),
      concerns: data.getAll("concerns"),
      priorities: data.getAll("priorities"),
      safety: data.get("safety"),
      area: data.get("area"),
      ageGroup: data.get("ageGroup"),
      gender: data.get("gender"),
      freeText: data.get("freeText") || "",
      answers: localAnswers(data)
    };
  }

  // The survey's own questions, by code: every value given (the question's type shapes it in body()).
  function localAnswers(data) {
    var answers = {};
    var questions = form.querySelectorAll("[data-question]");
    for (var i = 0; i < questions.length; i++) {
      var code = questions[i].getAttribute("data-question");
      answers[code] = data.getAll("answers." + code).filter(function (v) { return v !== ""; });
    }
    return answers;
  }

  function answersBody(given) {
    var answers = {};
    var any = false;
    var questions = form.querySelectorAll("[data-question]");
    for (var i = 0; i < questions.length; i++) {
      var code = questions[i].getAttribute("data-question");
      var type = questions[i].getAttribute("data-type");
      var values = given[code] || [];
      if (type === "multiple") { if (values.length) { answers[code] = values; any = true; } continue; }
      if (!values.length) continue;
      var value = type === "text" ? values[0].trim() : values[0];
      if (value === "") continue;
      answers[code] = type === "scale" && value !== "vet-inte" ? parseInt(value, 10) : value;
      any = true;
    }
    return any ? answers : null;
  }

  function saveDraft() {
    var s = storage();
    if (!s) return;
    var d = fields();
    d.savedAt = Date.now();
    s.setItem(draftKey, JSON.stringify(d));
  }

  function setChecked(name, values) {
    var inputs = form.querySelectorAll("input[name='" + name + "']");
    for (var i = 0; i < inputs.length; i++) inputs[i].checked = values.indexOf(inputs[i].value) >= 0;
  }

  function restoreDraft() {
    var s = storage();
    var raw = s && s.getItem(draftKey);
    if (!raw) return;
    var d;
    try { d = JSON.parse(raw); } catch (e) { s.removeItem(draftKey); return; }
    if (!d || typeof d.savedAt !== "number" || Date.now() - d.savedAt > draftLifetimeMs) { s.removeItem(draftKey); return; }
    // The draft's id wins: if the earlier page sent it already, sending again counts once.
    if (d.responseId) form.elements.responseId.value = d.responseId;
    setChecked("concerns", d.concerns || []);
    [1, 2, 3].forEach(function (i) { var select = document.getElementById("priority-" + i); if (select) select.value = (d.priorities || [])[i - 1] || ""; });
    ["safety", "area", "ageGroup", "gender"].forEach(function (n) { if (d[n] !== null && d[n] !== undefined) setChecked(n, [d[n]]); });
    form.elements.freeText.value = d.freeText || "";
    var given = d.answers || {};
    Object.keys(given).filter(function (code) { return /^[a-z0-9-]+$/.test(code); }).forEach(function (code) {
      var values = given[code] || [];
      var named = form.querySelectorAll("[name='answers." + code + "']");
      for (var i = 0; i < named.length; i++) {
        if (named[i].type === "checkbox" || named[i].type === "radio") named[i].checked = values.indexOf(named[i].value) >= 0;
        else named[i].value = values[0] || "";
      }
    });
    say(form.getAttribute("data-text-draft"));
  }

  function orNull(v) { return v === null || v === undefined || v === "" ? null : v; }

  function body() {
    var f = fields();
    var ticked = f.concerns.filter(function (c) { return c !== "none" && c !== "dontknow"; });
    var none = f.concerns.indexOf("none") >= 0;
    var dontKnow = f.concerns.indexOf("dontknow") >= 0;
    var priorities = (f.priorities || []).filter(function (p) { return p !== ""; });
    var channel = form.elements.channel ? form.elements.channel.value : null;
    return {
      responseId: f.responseId,
      language: form.elements.language.value,
      channel: orNull(channel),
      concerns: dontKnow ? null : (ticked.length ? ticked : (none ? [] : null)),
      priorities: priorities.length ? priorities : null,
      safety: orNull(f.safety) === null ? null : parseInt(f.safety, 10),
      area: orNull(f.area),
      ageGroup: orNull(f.ageGroup),
      gender: orNull(f.gender),
      freeText: orNull(f.freeText.trim()),
      invitationCode: form.elements.invitationCode ? orNull(form.elements.invitationCode.value.trim()) : null,
      answers: answersBody(f.answers)
    };
  }

  function thank() {
    var s = storage();
    if (s) s.removeItem(draftKey);
    var main = document.getElementById("main");
    var template = document.getElementById("thanks-template");
    var footer = main.querySelector("footer");
    main.innerHTML = "";
    main.appendChild(document.importNode(template.content, true));
    if (footer) main.appendChild(footer);
    // The answer is sent: a language link now leads to the thank-you page in that language, not to the form again,
    // and the skip link no longer promises a survey.
    Array.prototype.forEach.call(document.querySelectorAll("a[data-thanks-href]"), function (link) {
      link.setAttribute("href", link.getAttribute("data-thanks-href"));
    });
    var skip = document.querySelector("a.skip[data-thanks-text]");
    if (skip) skip.textContent = skip.getAttribute("data-thanks-text");
    var heading = main.querySelector("h1");
    document.title = heading.textContent;
    heading.focus();
  }

  function plainPost() {
    sending = true;
    HTMLFormElement.prototype.submit.call(form);
  }

  function retryLater(seconds, attempt) {
    var wait = Math.min(Math.max(seconds || Math.pow(2, attempt), 2), 30);
    say(form.getAttribute("data-text-retrying").replace("{0}", String(wait)));
    setTimeout(function () { send(attempt + 1); }, wait * 1000);
  }

  function send(attempt) {
    var payload = JSON.stringify(body());
    fetch(form.getAttribute("data-api"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: payload,
      credentials: "omit"
    }).then(function (response) {
      if (response.status === 202) { thank(); return; }
      if (response.status === 503 || response.status === 429 || response.status >= 500) {
        retryLater(parseInt(response.headers.get("Retry-After"), 10), attempt);
        return;
      }
      plainPost();
    }, function () {
      retryLater(0, attempt);
    });
  }

  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  form.addEventListener("submit", function (event) {
    if (sending) return;
    // Bots fill in the hidden field; the server deals with them.
    if (form.elements.website && form.elements.website.value) return;
    event.preventDefault();
    saveDraft();
    sending = true;
    button.disabled = true;
    say(form.getAttribute("data-text-sending"));
    send(0);
  });

  restoreDraft();
  // After a plain post with errors, the summary takes focus so it is read out first.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();

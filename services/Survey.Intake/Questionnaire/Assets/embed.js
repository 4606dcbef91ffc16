// Embeds a survey on another site with one script tag:
//   <script src="https://<intake>/embed.js" data-survey="demo" data-channel="webb" data-lang="sv" async></script>
// It inserts an iframe with the questionnaire after the tag, and resizes it to its content.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var slug = script.getAttribute("data-survey");
  if (!slug) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var query = ["embed=1"];
  var channel = script.getAttribute("data-channel");
  var lang = script.getAttribute("data-lang");
  if (channel) query.push("k=" + encodeURIComponent(channel));
  if (lang) query.push("lang=" + encodeURIComponent(lang));

  var frame = document.createElement("iframe");
  frame.src = origin + "/s/" + encodeURIComponent(slug) + "?" + query.join("&");
  frame.title = script.getAttribute("data-title") || "Enkät: Var med och påverka";
  frame.loading = "lazy";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.height = "1800px";
  frame.setAttribute("scrolling", "no");
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (data && data.type === "survey:height" && typeof data.height === "number" && data.height > 0) {
      frame.style.height = Math.ceil(data.height) + "px";
    }
  });
})();

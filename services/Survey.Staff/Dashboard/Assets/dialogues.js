// The dialogue page: "Använd min position" fills latitude and longitude from the phone. The form works without it.
(() => {
  const button = document.querySelector("[data-geolocate]");
  if (!button || !("geolocation" in navigator)) return;
  const status = button.parentElement.querySelector(".geo-status");
  const lat = document.getElementById("lat");
  const lon = document.getElementById("lon");
  button.hidden = false;
  button.addEventListener("click", () => {
    status.textContent = "Hämtar din position …";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        status.textContent = "Positionen är ifylld.";
      },
      () => { status.textContent = "Positionen gick inte att hämta. Skriv in den själv eller lämna fälten tomma."; },
      { enableHighAccuracy: true, timeout: 15000 });
  });
  // After a failed post, the error summary takes focus so a screen reader reads it first.
  const summary = document.getElementById("errors") || document.getElementById("saved");
  if (summary) summary.focus();
})();

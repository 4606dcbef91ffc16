// Staff pages: small helpers that the pages also work without.
(() => {
  for (const button of document.querySelectorAll("[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copied");
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = "Texten är kopierad.";
      } catch {
        field.select();
        if (status) status.textContent = "Markerad: kopiera med Ctrl+C.";
      }
    });
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // The breakdown selector shows its choice at once; the button stays for keyboards and no-script.
  const by = document.getElementById("by");
  if (by) by.addEventListener("change", () => by.form.submit());
  // A table's box takes keyboard focus so that it can be scrolled sideways; one that fits needs no stop in the tab
  // order. Without this script every box keeps its stop.
  const boxes = [...document.querySelectorAll(".scroll[tabindex]")];
  const fit = () => {
    for (const box of boxes) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
    }
  };
  fit();
  addEventListener("resize", fit);
  document.getElementById("error")?.focus();
})();

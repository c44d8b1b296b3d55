// Form pages: the problem summary takes focus after a save or a refused submission, and each of its
// links moves focus to the first control of the row or field it names (not only scrolls there).
(function () {
  function summary() { return document.getElementById("form-errors"); }

  function focusTarget(id) {
    const target = document.getElementById(id);
    if (!target) return false;
    const controls = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
    // The control beside an error message first (the cell that failed), else the row's first control.
    const failed = Array.from(target.querySelectorAll(".field-error"))
      .map((message) => message.closest("td, label")?.querySelector(controls)).find(Boolean);
    const control = target.matches("input, select, textarea, button") ? target : failed || target.querySelector(controls);
    target.scrollIntoView({ block: "center" });
    (control || target).focus({ preventScroll: true });
    return true;
  }

  document.addEventListener("click", (e) => {
    const link = e.target.closest(".problem-summary a[href^='#']");
    if (link && focusTarget(link.getAttribute("href").slice(1))) {
      e.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
    }
  });

  const box = summary();
  if (box && box.hasAttribute("data-focus")) box.focus();
})();
